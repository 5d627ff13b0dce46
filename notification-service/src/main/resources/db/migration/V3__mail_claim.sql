-- A sender claims a mail (SENDING, next_attempt_at = end of its lease) and commits before talking to SMTP, so a
-- database failure after SMTP accepted the mail cannot roll it back to PENDING and have it sent again.
drop index mail_delivery_due;
create index mail_delivery_due on mail_delivery (next_attempt_at) where status in ('PENDING', 'SENDING');
