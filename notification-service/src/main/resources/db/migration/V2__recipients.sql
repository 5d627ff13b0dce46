-- Who to write to about an account, from AccountCreated: later account events (AccountActivated) carry only the id.
create table recipient (
    account_id  uuid primary key,
    email       text        not null,
    full_name   text        not null,
    identifier  text        not null,
    created_at  timestamptz not null
);
