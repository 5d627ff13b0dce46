-- An integrator may ask for an RFC 3161 token over each signature (SP769's timestamp_signature): the request says so,
-- and each signed item keeps its token beside the signature.
alter table signing_transaction add column time_stamp_signatures boolean not null default false;
alter table transaction_item add column signature_time_stamp bytea;
