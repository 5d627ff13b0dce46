-- Issue 21 §4: each subscriber's decision about an integrator. ALLOWED (the rows so far), or BLOCKED: its requests and
-- look-ups answer as for an unknown subscriber, and its OAuth 2.0 grants are revoked.
alter table integrator_consent add column decision text not null default 'ALLOWED';
alter table integrator_consent add column decided_at timestamp(6) with time zone;
update integrator_consent set decided_at = granted_at;
