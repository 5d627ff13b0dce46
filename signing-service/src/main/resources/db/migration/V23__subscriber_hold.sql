-- Whether the subscriber put the credential on hold: only such a hold may the subscriber lift (an operator's stays).
alter table credential add column held_by_subscriber boolean not null default false;
