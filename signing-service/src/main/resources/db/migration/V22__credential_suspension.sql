-- A credential whose certificate is on hold (certificateHold) is still the account's live credential: it comes back
-- when the certificate is resumed, so no second one may be registered meanwhile.
drop index credential_one_live;
create unique index credential_one_live on credential (account_id)
    where status in ('CERT_PENDING', 'ACTIVE', 'SUSPENDED');
