-- TLS server certificates of Kyso's own endpoints certify no account.
alter table issued_certificate alter column account_id drop not null;
