-- CSC §8 / RFC 6749 authorization-code flow with PKCE: the integrator's registered redirect URIs (one per line, matched
-- exactly), and each authorization from the browser's request through the subscriber's consent to its tokens. Codes and
-- refresh tokens are kept only as SHA-256; the access tokens are MACed JWTs naming the row, so revoking the row ends them.
alter table service_provider add column redirect_uris text not null default '';

create table oauth_authorization (
    id                    uuid        primary key,
    sp_id                 uuid        not null,
    redirect_uri          text        not null,
    redirect_uri_explicit boolean     not null,
    state                 text,
    scope                 text        not null,
    code_challenge        text        not null,
    credential_id         uuid,
    hash_algorithm        text,
    hashes                text,
    description           text,
    account_id            uuid,
    transaction_id        uuid,
    status                text        not null,
    code_sha256           text        unique,
    code_expires_at       timestamptz,
    refresh_sha256        text        unique,
    refresh_expires_at    timestamptz,
    created_at            timestamptz not null,
    expires_at            timestamptz not null
);
create index oauth_authorization_expires on oauth_authorization (expires_at);
