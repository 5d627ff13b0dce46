-- One delivery queue for what leaves a service over the network (integrators' webhooks, mail): a row is written
-- in the transaction that owes it, claimed with a lease and committed, sent outside any transaction, then its outcome
-- recorded. The id is the idempotency key every attempt carries.
create table kyso_delivery (
    id               uuid        primary key,
    channel          text        not null,
    reference        text        not null,
    destination      text        not null,
    payload          text        not null,
    status           text        not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    last_error       text,
    created_at       timestamptz not null,
    sent_at          timestamptz
);
create index kyso_delivery_due on kyso_delivery (channel, next_attempt_at) where status in ('PENDING', 'SENDING');
-- One delivery per thing owed: a channel's reference (a transaction's end, an event's mail) is owed once.
create unique index kyso_delivery_once on kyso_delivery (channel, reference);
