create table account (
    id           uuid primary key,
    identifier   text        not null,
    id_type      text        not null,
    full_name    text        not null,
    email        text        not null,
    phone        text        not null,
    province     text        not null,
    locality     text        not null,
    status       text        not null,
    created_by   text        not null,
    created_at   timestamptz not null,
    version      integer     not null default 0,
    constraint account_identifier_unique unique (identifier)
);

create table operator (
    id             uuid primary key,
    username       text        not null unique,
    password_hash  text        not null,
    created_at     timestamptz not null
);
