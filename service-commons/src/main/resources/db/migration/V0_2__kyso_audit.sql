-- The anchored audit trail (vn.kyso.commons.audit): entries in hash chains sharded by subject, so appending locks one
-- chain's head and never the whole trail; anchors fix every head at a moment, linked, signed and RFC 3161 timestamped.
create table kyso_audit_entry (
    chain        integer     not null,
    seq          bigint      not null,
    occurred_at  timestamptz not null,
    kind         text        not null,
    subject      text        not null,
    actor        text,
    detail       text        not null,
    prev_hash    bytea       not null,
    hash         bytea       not null,
    primary key (chain, seq)
);

create table kyso_audit_head (
    chain  integer primary key,
    seq    bigint  not null,
    hash   bytea   not null
);

create table kyso_audit_anchor (
    seq              bigint      primary key,
    anchored_at      timestamptz not null,
    heads            text        not null,
    prev_anchor      bytea       not null,
    digest           bytea       not null,
    signature        bytea       not null,
    key_id           text        not null,
    timestamp_token  bytea
);
