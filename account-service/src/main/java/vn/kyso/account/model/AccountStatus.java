package vn.kyso.account.model;

/** Where a subscriber account is in its lifecycle. */
public enum AccountStatus {
    UNACTIVATED,
    ACTIVE,
    LOCKED
}
