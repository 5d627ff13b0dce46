-- Renewal: a new key pair waits here (under the same PIN binding) until ca-service's certificate for it arrives; the
-- current key keeps signing until then, and is destroyed once the new one is installed.
alter table credential add column pending_key_reference text;
alter table credential add column pending_public_key bytea;
alter table credential add column pending_key_algorithm text;
alter table credential add column renewal_requested_at timestamptz;
