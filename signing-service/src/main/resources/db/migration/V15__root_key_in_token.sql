-- Issue 18 (key hierarchy): with PKCS#11 custody, signing-service's root key is a secret key object inside the token.
-- The first replica to start makes it under an advisory lock and records its reference here, so every replica
-- derives the same keys from the one token object.
create table root_key (
    id smallint primary key check (id = 1),
    key_reference text not null,
    created_at timestamp(6) with time zone not null
);
