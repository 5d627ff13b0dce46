-- Guessing an integrator's secret is limited like guessing a password: 5 wrong secrets in a row lock the SP's API
-- access for a while (counted here so every replica sees the same count).
alter table service_provider add column failed_attempts integer not null default 0;
alter table service_provider add column locked_until timestamptz;
