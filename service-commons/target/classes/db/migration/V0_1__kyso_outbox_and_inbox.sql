-- Transactional outbox: written in the same transaction as the state change, published by OutboxRelay.
create table kyso_outbox (
    id             bigint generated always as identity primary key,
    event_id       uuid        not null unique,
    event_type     text        not null,
    topic          text        not null,
    aggregate_id   text        not null,
    payload        text        not null,
    occurred_at    timestamptz not null,
    attempts       integer     not null default 0
);

-- Idempotent consumers: one row per (consumer, event) processed, inserted in the same transaction as the effect.
create table kyso_processed_event (
    consumer      text        not null,
    event_id      text        not null,
    event_type    text        not null,
    processed_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
