-- Read models for the integrator APIs: who the SPs are (from account-service's registry; only the secret's SHA-256)
-- and which account an identifier names (SP769 addresses subscribers by their ID number).
create table service_provider (
    sp_id          uuid primary key,
    name           text        not null,
    webhook_url    text,
    secret_sha256  text        not null,
    disabled_at    timestamptz,
    updated_at     timestamptz not null
);

create table subscriber (
    account_id  uuid primary key,
    identifier  text        not null,
    id_type     text        not null,
    full_name   text        not null,
    created_at  timestamptz not null
);
create index subscriber_identifier on subscriber (identifier);
