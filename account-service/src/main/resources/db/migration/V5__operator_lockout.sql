-- Operators' passwords open the operator API (accounts, integrators, revocation): guessing them is limited exactly like
-- subscribers' (5 wrong in a row lock the login for a while).
alter table operator add column failed_logins integer not null default 0;
alter table operator add column login_locked_until timestamptz;
