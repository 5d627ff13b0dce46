-- Wrong codes over an activation's whole life, across resends: a resend gives a new code and lifts the lock of five
-- wrong tries in a row, but not this budget (kyso.activation.max-total-code-attempts). Kept for unknown identifiers
-- (the decoy) alike, so the two stay indistinguishable.
alter table activation add column total_failures integer not null default 0;
alter table unknown_identifier_attempt add column total_failures integer not null default 0;
