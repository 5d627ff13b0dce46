package vn.kyso.activation.model;

/** Where an acceptance record stands; TO_REQUEST and TO_COLLECT are work for the acceptance worker. */
public enum AcceptanceStatus {
    /** Made; the signing transaction still has to be asked for. */
    TO_REQUEST,
    /** Waiting for the subscriber at signing-service. */
    PENDING,
    /** Signed; the signed PDF still has to be fetched. */
    TO_COLLECT,
    /** Signed and stored: the activation is complete. */
    SIGNED,
    REJECTED,
    EXPIRED
}
