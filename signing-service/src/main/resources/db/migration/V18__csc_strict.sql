-- CSC v2.0.0.2: an authorised hash's signature is handed over once, possibly in a later signHash call than the first
-- (credentials/extendTransaction); asynchronous results wait for signatures/signPolling until their validity ends.
alter table transaction_item add column released_at timestamptz;

create table csc_response (
    response_id uuid        primary key,
    sp_id       uuid        not null,
    body        text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null
);
create index csc_response_expires on csc_response (expires_at);
