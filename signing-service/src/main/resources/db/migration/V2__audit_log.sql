-- Append-only, hash-chained audit trail of credential (and later transaction) events: each row carries the hash of the
-- previous one, so an edited, deleted or inserted row breaks the chain at that point.
create table audit_log (
    seq          bigint primary key,
    occurred_at  timestamptz not null,
    event_type   text        not null,
    aggregate_id text        not null,
    account_id   uuid,
    detail       text        not null,
    prev_hash    bytea       not null,
    hash         bytea       not null
);
