-- Issue 18, finding 5: locking an account after wrong passwords locked its owner out and told a real identifier from
-- an unknown one. Wrong passwords now slow down the source that sends them (in memory, per source and identifier).
alter table account drop column failed_logins;
alter table account drop column login_locked_until;
alter table operator drop column failed_logins;
alter table operator drop column login_locked_until;
