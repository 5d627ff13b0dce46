-- Whether the hold was the subscriber's own (through signing-service): a subscriber may lift only such a hold.
alter table issued_certificate add column held_by_subscriber boolean not null default false;
