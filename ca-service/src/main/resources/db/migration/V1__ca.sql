-- The CA hierarchy: one row per role. The private key stays in custody; key_reference is custody's opaque handle
-- (a wrapped blob for software custody, a token alias for PKCS#11).
create table ca_authority (
    role                text primary key,
    key_reference       text        not null,
    key_algorithm       text        not null,
    signature_algorithm text        not null,
    certificate         bytea       not null,
    subject             text        not null,
    serial_number       text        not null,
    not_before          timestamptz not null,
    not_after           timestamptz not null,
    created_at          timestamptz not null
);

-- Read model of accounts (from AccountCreated): the certificate subject comes from here, never from a CSR.
create table account_record (
    account_id uuid primary key,
    identifier text        not null,
    id_type    text        not null,
    full_name  text        not null,
    province   text,
    locality   text,
    updated_at timestamptz not null
);

create table issued_certificate (
    serial_number     text primary key,
    account_id        uuid        not null,
    credential_id     uuid,
    profile           text        not null,
    subject           text        not null,
    key_type          text        not null,
    public_key_sha256 text        not null,
    certificate       bytea       not null,
    not_before        timestamptz not null,
    not_after         timestamptz not null,
    status            text        not null,
    revoked_at        timestamptz,
    revocation_reason text,
    issued_at         timestamptz not null,
    version           integer     not null default 0
);
-- A credential's key is certified at most once: a redelivered request cannot produce a second certificate.
create unique index issued_certificate_credential_key on issued_certificate (credential_id, public_key_sha256)
    where credential_id is not null;
create index issued_certificate_account on issued_certificate (account_id);
create index issued_certificate_revoked on issued_certificate (status) where status = 'REVOKED';

create table crl (
    crl_number  bigint primary key,
    this_update timestamptz not null,
    next_update timestamptz not null,
    der         bytea       not null
);
