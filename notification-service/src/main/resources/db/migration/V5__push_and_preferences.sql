-- A browser's Web Push subscription (RFC 8030 endpoint + RFC 8291 keys). The endpoint is the browser's: re-subscribing
-- from the same browser, whoever is signed in, replaces the row rather than adding one.
create table push_subscription (
    id          uuid primary key,
    account_id  uuid        not null,
    endpoint    text        not null unique,
    p256dh      text        not null,
    auth        text        not null,
    created_at  timestamptz not null
);
create index push_subscription_account on push_subscription (account_id);

-- The channels a subscriber chose for one kind of notice; a kind without a row uses its default.
create table notification_preference (
    account_id  uuid    not null,
    kind        text    not null,
    push        boolean not null,
    mail        boolean not null,
    primary key (account_id, kind)
);
