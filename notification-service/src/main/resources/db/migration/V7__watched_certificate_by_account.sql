-- "Does this account have another certificate?" is asked for every certificate issued: without this index it read the
-- whole table (1.3 ms a certificate at 8,400 rows, and growing with every certificate ever issued).
create index watched_certificate_account on watched_certificate (account_id);
