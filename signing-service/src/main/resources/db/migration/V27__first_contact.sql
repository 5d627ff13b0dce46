-- Issue 21 §4: a request from an integrator the subscriber has not decided on is held as its "first request", shown with
-- the choice to block it (approving it allows the integrator); look-ups by such an integrator are noted so the
-- subscriber sees who looked (decision UNDECIDED) and can allow or block it.
alter table signing_transaction add column first_contact boolean not null default false;
alter table integrator_consent add column last_lookup_at timestamp(6) with time zone;
