-- The delivery log doubles as the mail queue: a row is written in the consumer's transaction, sent by the dispatcher.
-- Secrets are never stored here: params hold only what the template shows, sealed values stay sealed until rendering.
create table mail_delivery (
    id               uuid primary key,
    source_event_id  text        not null,
    template         text        not null,
    recipient        text        not null,
    params           text        not null,
    status           text        not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    last_error       text,
    created_at       timestamptz not null,
    sent_at          timestamptz,
    constraint mail_delivery_once unique (source_event_id, template)
);

create index mail_delivery_due on mail_delivery (next_attempt_at) where status = 'PENDING';
