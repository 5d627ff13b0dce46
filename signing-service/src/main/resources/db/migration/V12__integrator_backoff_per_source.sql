-- Issue 18, finding 4: a lockout per integrator let anyone lock any integrator out. Wrong secrets now slow down the
-- source that sends them (in memory, per source and integrator); the integrator itself is never locked.
alter table service_provider drop column failed_attempts;
alter table service_provider drop column locked_until;
