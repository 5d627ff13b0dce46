package vn.kyso.notification.service;

import io.smallrye.mutiny.Uni;
import vn.kyso.notification.model.Recipient;

/** A way notices leave (mail, push; an SMS gateway would be one more): queued in the consumer's transaction. */
public interface NoticeChannel {

    Channel channel();

    /** Queues the notice for the recipient, at most once per notice reference. */
    Uni<Void> enqueue(Notice notice, Recipient recipient);

    /** Starts sending what was queued; called once the queuing transaction committed. */
    void wake();
}
