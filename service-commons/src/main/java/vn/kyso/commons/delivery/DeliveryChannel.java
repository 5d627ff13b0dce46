package vn.kyso.commons.delivery;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/** A kind of delivery and how it leaves: one bean per destination type (an integrator's webhook, mail). */
public interface DeliveryChannel {

    /** The channel's name in the queue. */
    String name();

    /**
     * Sends one delivery, outside any database transaction. A failure is retried with back-off; a {@link Refused} one
     * is given up at once.
     */
    Uni<Void> send(Delivery delivery);

    /** How this channel retries. */
    Policy policy();

    /**
     * @param maxAttempts attempts before a delivery is given up (dead-lettered)
     * @param lease how long a sender holds a claimed delivery before another may take it (longer than a send)
     * @param senders concurrent senders per replica
     */
    record Policy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration lease, int senders) {
    }

    /** A failure that no retry can mend, such as a destination that may never be called. */
    final class Refused extends RuntimeException {

        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
