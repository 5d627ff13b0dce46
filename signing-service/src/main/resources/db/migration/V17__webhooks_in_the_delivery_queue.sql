-- Issue 19: webhooks leave through service-commons' delivery queue (kyso_delivery, made by V0_3): claimed and
-- committed, sent outside any transaction, the outcome recorded after. Every row moves over, history included, with
-- its id (the X-Kyso-Delivery idempotency key) unchanged; the transaction id becomes the row's reference.
insert into kyso_delivery (id, channel, reference, destination, payload, status, attempts, next_attempt_at, last_error,
        created_at, sent_at)
    select id, 'sp769-webhook', transaction_id::text, url, payload, status, attempts, next_attempt_at, last_error,
        created_at, sent_at
    from webhook_delivery;
drop table webhook_delivery;
