-- Signing credentials: the subscriber's key (as a custody reference), its certificate, the PIN verifier and the bound
-- device key. The PIN is stored only as a peppered Argon2id verifier; the key can be opened only with the PIN.
create table credential (
    id                     uuid primary key,
    account_id             uuid        not null,
    status                 text        not null,
    key_algorithm          text        not null,
    key_reference          text        not null,
    public_key             bytea       not null,
    pin_salt               bytea       not null,
    pin_verifier           bytea       not null,
    pin_failures           integer     not null default 0,
    pin_locked_at          timestamptz,
    device_name            text        not null,
    device_public_key      bytea       not null,
    certificate            bytea,
    serial_number          text,
    certificate_not_after  timestamptz,
    failure_reason         text,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    version                integer     not null default 0
);
create index credential_account on credential (account_id);
-- One live credential per account (FAILED and REVOKED ones stay for history).
create unique index credential_one_live on credential (account_id) where status in ('CERT_PENDING', 'ACTIVE');

-- Single-use challenges the bound device signs to prove the subscriber's presence (biometric).
create table device_challenge (
    challenge     text primary key,
    credential_id uuid        not null,
    account_id    uuid        not null,
    purpose       text        not null,
    expires_at    timestamptz not null,
    used_at       timestamptz
);
create index device_challenge_expiry on device_challenge (expires_at);
