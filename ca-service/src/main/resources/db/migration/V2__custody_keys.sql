-- Keys signing-service announced as generated inside its custody (KeyPairActivated on kyso.credential.events, which
-- only signing-service may write). A profile that certifies a subscriber's identity certifies only these: sole control.
create table custody_key (
    credential_id     uuid        not null,
    public_key_sha256 text        not null,
    account_id        uuid        not null,
    announced_at      timestamptz not null,
    primary key (credential_id, public_key_sha256)
);
