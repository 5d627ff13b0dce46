-- CSC: an approved authorisation keeps the key's binding sealed until signHash uses it (or the SAD window ends and the
-- sweep wipes it). Status AUTHORIZED sits between PENDING and SIGNED for CSC transactions only.
alter table signing_transaction add column authorized_binding_sealed bytea;
