-- SmartCA TH v2 delegation: the subscriber enables signing with password + TOTP. The TOTP secret and the key's custody
-- binding are kept sealed (AES-256-GCM under keys derived from the PIN pepper Secret), never in clear.
alter table credential add column totp_secret_sealed bytea,
                       add column delegated_binding_sealed bytea,
                       add column totp_enabled_at timestamptz,
                       add column totp_last_step bigint,
                       add column totp_failures integer not null default 0;

-- The SAD of a TH v2 request: only its hash, single use.
alter table signing_transaction add column sad_hash text;
