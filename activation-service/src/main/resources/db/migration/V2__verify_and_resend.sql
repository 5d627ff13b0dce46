-- Resend rate limit (3 per hour) and attempts against identifiers that have no activation, which are counted and
-- locked exactly like real ones so answers never reveal whether an account exists.
alter table activation add column resend_count integer not null default 0;
alter table activation add column resend_window_start timestamptz;

create table unknown_identifier_attempt (
    identifier           text primary key,
    failed_attempts      integer     not null default 0,
    locked_at            timestamptz,
    resend_count         integer     not null default 0,
    resend_window_start  timestamptz,
    updated_at           timestamptz not null
);
