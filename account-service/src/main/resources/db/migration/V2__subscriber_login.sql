-- Subscriber login: the password (Argon2id hash only) and the lockout counters (5 wrong passwords -> locked 5 minutes).
alter table account add column password_hash text;
alter table account add column password_set_at timestamptz;
alter table account add column failed_logins integer not null default 0;
alter table account add column login_locked_until timestamptz;
