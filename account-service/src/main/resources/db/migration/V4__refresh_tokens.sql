-- Refresh tokens: 256 random bits given to the app, kept only as SHA-256. Each use rotates the token within its
-- family; presenting an already-used token revokes the whole family (a stolen copy was replayed).
create table refresh_token (
    id             uuid primary key,
    account_id     uuid        not null references account (id),
    family_id      uuid        not null,
    token_sha256   text        not null unique,
    created_at     timestamptz not null,
    expires_at     timestamptz not null,
    used_at        timestamptz,
    revoked_at     timestamptz
);
create index refresh_token_family on refresh_token (family_id);
