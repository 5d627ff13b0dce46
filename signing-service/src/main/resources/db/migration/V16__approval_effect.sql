-- Issue 19: the signing core names no integrator protocol. Whether an approval signs at once or authorises a later
-- signing call was decided by comparing requester_type with CSC's; it is now the transaction's own field.
alter table signing_transaction add column approval_effect text not null default 'SIGN';
update signing_transaction set approval_effect = 'AUTHORIZE' where requester_type = 'CSC';
alter table signing_transaction alter column approval_effect drop default;
