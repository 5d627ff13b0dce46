package vn.kyso.signing.transaction.model;

/**
 * A signing transaction's life: waiting, then exactly one final state. CSC authorisations pass through AUTHORIZED
 * (approved; signed when the SP calls signHash within the SAD's lifetime).
 */
public enum TransactionStatus {
    PENDING,
    AUTHORIZED,
    SIGNED,
    REJECTED,
    EXPIRED,
    FAILED
}
