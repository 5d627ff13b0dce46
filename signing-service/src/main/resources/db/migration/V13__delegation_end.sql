-- Issue 18, finding 14: delegation switched off after wrong TOTP codes did so silently; the credential now keeps when
-- and why its delegation last ended, and its owner sees it.
alter table credential add column delegation_ended_at timestamp(6) with time zone;
alter table credential add column delegation_end_reason text;
