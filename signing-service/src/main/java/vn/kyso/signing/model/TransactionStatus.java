package vn.kyso.signing.model;

/** A signing transaction's life: waiting, then exactly one final state. */
public enum TransactionStatus {
    PENDING,
    SIGNED,
    REJECTED,
    EXPIRED,
    FAILED
}
