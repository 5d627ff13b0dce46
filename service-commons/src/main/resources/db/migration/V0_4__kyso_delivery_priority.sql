-- What a person is waiting for (an activation or recovery code, a request to approve) goes out before routine
-- deliveries due on the same channel: under a burst the senders' backlog of welcome mails must not stand between a
-- subscriber and the code they are about to type in.
alter table kyso_delivery add column priority smallint not null default 0;
drop index kyso_delivery_due;
create index kyso_delivery_due on kyso_delivery (channel, priority desc, next_attempt_at)
    where status in ('PENDING', 'SENDING');
