-- The CA chain travels with the certificate (integrators' get_certificate and PAdES signatures include it).
alter table credential add column ca_certificate bytea, add column root_certificate bytea;

-- A requester's own reference makes a retried request idempotent (SP769's transaction_id, a service's request key).
alter table signing_transaction add column request_ref text;
create unique index signing_transaction_request_ref
    on signing_transaction (requester_type, requester_id, request_ref) where request_ref is not null;

-- Whole-document items: the item's digest is the SHA-256 of the original; the bytes live apart so that listing and
-- approving never load them.
alter table transaction_item add column item_type text not null default 'HASH',
                             add column signature_level text;
create table transaction_document (
    item_id         uuid primary key references transaction_item (id),
    content_type    text  not null,
    original        bytea not null,
    signed          bytea
);
