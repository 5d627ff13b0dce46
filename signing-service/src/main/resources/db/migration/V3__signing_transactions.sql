-- Signing transactions: a requester asks, the subscriber approves (PIN + device) or rejects before expiry.
create table signing_transaction (
    id              uuid primary key,
    account_id      uuid        not null,
    credential_id   uuid        not null,
    requester_type  text        not null,
    requester_id    text        not null,
    app_name        text        not null,
    description     text        not null,
    status          text        not null,
    requested_at    timestamptz not null,
    expires_at      timestamptz not null,
    completed_at    timestamptz,
    version         integer     not null default 0
);
create index signing_transaction_account on signing_transaction (account_id, status);
create index signing_transaction_pending_expiry on signing_transaction (expires_at) where status = 'PENDING';

create table transaction_item (
    id             uuid primary key,
    transaction_id uuid    not null references signing_transaction (id),
    position       integer not null,
    doc_id         text    not null,
    file_name      text    not null,
    hash_algorithm text    not null,
    digest         bytea   not null,
    signature      bytea,
    unique (transaction_id, position)
);
