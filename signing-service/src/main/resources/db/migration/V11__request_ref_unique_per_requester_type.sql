-- An integrator's transaction_id names one transaction across every integrator: SmartCA clients poll the status by
-- their own transaction_id without credentials, so two integrators' ids must never resolve to each other's requests.
-- (A database holding such a collision already must have it resolved by hand before this migration can run.)
create unique index signing_transaction_request_ref_per_type
    on signing_transaction (requester_type, request_ref) where request_ref is not null;
drop index signing_transaction_request_ref;
