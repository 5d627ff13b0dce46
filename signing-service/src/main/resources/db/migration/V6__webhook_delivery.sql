-- Webhooks to integrators: written in the transaction that ends a signing transaction, sent by a dispatcher that
-- retries with back-off. Status polling never depends on them.
create table webhook_delivery (
    id               uuid primary key,
    transaction_id   uuid        not null unique references signing_transaction (id),
    sp_id            uuid        not null,
    url              text        not null,
    payload          text        not null,
    status           text        not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    last_error       text,
    created_at       timestamptz not null,
    sent_at          timestamptz
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
