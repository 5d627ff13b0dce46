-- One activation per account: the wizard's state machine. The code is kept only as a keyed hash (HMAC-SHA256 with a
-- pepper from configuration), so a database dump alone does not reveal or let anyone brute-force codes offline.
create table activation (
    id               uuid primary key,
    account_id       uuid        not null unique,
    identifier       text        not null unique,
    email            text        not null,
    full_name        text        not null,
    state            text        not null,
    code_hash        text,
    code_expires_at  timestamptz,
    failed_attempts  integer     not null default 0,
    locked_at        timestamptz,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          integer     not null default 0
);
