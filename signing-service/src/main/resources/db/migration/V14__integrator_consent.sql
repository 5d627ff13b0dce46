-- Issue 18: integrator look-ups disclose a subscriber's certificate (name, province, ID number) for any ID number.
-- The look-up can be limited to subscribers who accepted the integrator (kyso.signing.integrator-lookup.mode).
create table integrator_consent (
    account_id uuid not null,
    sp_id uuid not null,
    granted_at timestamp(6) with time zone not null,
    primary key (account_id, sp_id)
);
create index integrator_consent_sp on integrator_consent (sp_id);
