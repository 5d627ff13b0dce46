package vn.kyso.commons.delivery;

/** A delivery's state. */
public enum DeliveryStatus {
    /** Due at its next attempt time. */
    PENDING,
    /** Claimed by a sender until its lease ends (a sender that dies leaves it to be claimed again). */
    SENDING,
    /** The destination took it. */
    SENT,
    /** Given up (attempts ran out, or the destination may never be called): kept, dead-lettered, for an operator. */
    FAILED,
    /** Not needed after all (the destination had it another way) before it fell due: never sent. */
    CANCELLED
}
