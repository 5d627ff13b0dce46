-- Lost-device recovery: asked by the subscriber, approved by an operator who verified who asks out of band, completed
-- with the mailed code (kept only as a keyed hash) and a new device, PIN and key pair.
create table device_recovery (
    id              uuid        primary key,
    credential_id   uuid        not null references credential (id),
    account_id      uuid        not null,
    status          text        not null,
    reason          text,
    requested_at    timestamptz not null,
    approved_at     timestamptz,
    approved_by     text,
    operator_note   text,
    code_hash       text,
    code_expires_at timestamptz,
    failed_attempts int         not null default 0,
    closed_at       timestamptz
);
-- At most one open recovery per credential.
create unique index device_recovery_open on device_recovery (credential_id) where status in ('REQUESTED', 'APPROVED');
create index device_recovery_status on device_recovery (status, requested_at);
-- From an operator's approval the lost device approves nothing, until a new one is bound.
alter table credential add column device_revoked_at timestamptz;
