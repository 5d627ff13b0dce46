-- "Ký tài liệu": a subscriber's own PDFs, kept with what became of them until the subscriber deletes them. Each
-- signing attempt is a transaction of its own (requester SUBSCRIBER, request_ref '<document id>/<n>').
create table subscriber_document (
    id              uuid primary key,
    account_id      uuid        not null,
    file_name       text        not null,
    page_count      int         not null,
    created_at      timestamptz not null,
    attempts        int         not null default 0,
    transaction_id  uuid references signing_transaction (id)
);
create index subscriber_document_account on subscriber_document (account_id, created_at desc);
-- The bytes live apart, so that listing never loads them.
create table subscriber_document_content (
    document_id     uuid primary key references subscriber_document (id) on delete cascade,
    content         bytea not null
);

-- Where a PDF item's visible signature goes: a page and a rectangle in points from the page's top-left corner, or an
-- existing empty signature field. None: an invisible signature, as integrators' PDF items have had.
alter table transaction_document add column appearance_page   int,
                                 add column appearance_x      real,
                                 add column appearance_y      real,
                                 add column appearance_width  real,
                                 add column appearance_height real,
                                 add column appearance_field  text;
-- A subscriber who deletes a document wipes its bytes from the transactions that carried it too.
alter table transaction_document alter column original drop not null;
