-- Subscribers' certificates, from CertificateIssued, so their expiry can be announced 30, 7 and 1 days before; a
-- revoked one (superseded by a renewal or a new key, or revoked for cause) is ended and announces nothing more.
create table watched_certificate (
    serial_number  text primary key,
    account_id     uuid        not null,
    not_after      timestamptz not null,
    ended          boolean     not null default false,
    -- The smallest threshold (days) already announced; null before the first.
    announced_days integer
);
create index watched_certificate_due on watched_certificate (not_after) where not ended;
