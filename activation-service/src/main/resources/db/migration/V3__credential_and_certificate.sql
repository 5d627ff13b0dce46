-- Steps 2/4 to 4/4: the credential made for this activation and the certificate issued for it (the acceptance record
-- is built from it).
alter table activation add column credential_id uuid;
alter table activation add column certificate_serial text;
alter table activation add column certificate bytea;
