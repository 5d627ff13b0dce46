-- Issue 19: mail leaves through service-commons' delivery queue (kyso_delivery, made by V0_3), like integrators'
-- webhooks. Every row moves over, history included, with its id (the Message-ID's local part) unchanged: the
-- reference is the source event and template (one mail per event and template, as before), the destination the
-- recipient, the payload the template and its parameters (an activation code stays sealed in them).
insert into kyso_delivery (id, channel, reference, destination, payload, status, attempts, next_attempt_at, last_error,
        created_at, sent_at)
    select id, 'mail', source_event_id || ':' || template, recipient,
        json_build_object('template', template, 'params', params::json)::text, status, attempts, next_attempt_at,
        last_error, created_at, sent_at
    from mail_delivery;
drop table mail_delivery;
