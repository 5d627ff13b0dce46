-- Integrators (SPs). The secret is 256 random bits shown once; only its SHA-256 is kept (a slow hash adds nothing for
-- a random secret and would make every SP call pay for it).
create table service_provider (
    id                 uuid primary key,
    name               text        not null,
    webhook_url        text        not null,
    secret_sha256      text        not null,
    status             text        not null,
    created_at         timestamptz not null,
    secret_rotated_at  timestamptz,
    disabled_at        timestamptz,
    version            integer     not null default 0,
    constraint service_provider_name_unique unique (name)
);
