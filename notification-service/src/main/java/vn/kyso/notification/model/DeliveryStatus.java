package vn.kyso.notification.model;

/** Where a mail is in its delivery. */
public enum DeliveryStatus {
    PENDING,
    /** Claimed by a sender until {@code nextAttemptAt}; claimable again after that only if its sender died. */
    SENDING,
    SENT
}
