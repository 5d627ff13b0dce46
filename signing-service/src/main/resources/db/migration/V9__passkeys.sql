-- A credential's device may be a WebAuthn passkey (platform authenticator, user verification) instead of a raw
-- device key: its attested credential data (AAGUID, credential id, COSE public key) and signature counter.
alter table credential add column passkey_credential_id bytea;
alter table credential add column passkey_data bytea;
alter table credential add column passkey_sign_count bigint;

-- A passkey registration challenge is issued before the credential exists.
alter table device_challenge alter column credential_id drop not null;
