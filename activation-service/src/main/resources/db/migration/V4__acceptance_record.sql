-- Step 4/4: the acceptance record ("Biên bản nghiệm thu") and its signing transactions at signing-service. A rejected
-- or expired one can be asked for again: each try is a new attempt row; the newest is the current one.
create table acceptance_record (
    id               uuid primary key,
    activation_id    uuid        not null references activation (id),
    account_id       uuid        not null,
    attempt          integer     not null,
    status           text        not null,
    transaction_id   uuid,
    document         bytea,
    signed_document  bytea,
    next_try_at      timestamptz not null,
    tries            integer     not null default 0,
    last_error       text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          integer     not null default 0,
    unique (activation_id, attempt)
);
create unique index acceptance_record_transaction on acceptance_record (transaction_id) where transaction_id is not null;
create index acceptance_record_due on acceptance_record (next_try_at) where status in ('TO_REQUEST', 'TO_COLLECT');
