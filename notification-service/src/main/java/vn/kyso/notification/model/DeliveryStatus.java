package vn.kyso.notification.model;

/** Where a mail is in its delivery. */
public enum DeliveryStatus {
    PENDING,
    SENT
}
