package vn.kyso.signing.service;

/** The SP769 contract's answers other than success: the HTTP status equals {@code status_code}. */
public enum Sp769Error {
    BAD_REQUEST(400),
    SP_CREDENTIAL_INVALID(401),
    CREDENTIAL_STATUS_INVALID(403),
    TRANSACTION_NOT_FOUND(404),
    /** Past the source's request budget or failure back-off; the answer carries {@code Retry-After}. */
    TOO_MANY_REQUESTS(429),
    SERVER_INTERNAL_ERROR(500);

    private final int status;

    Sp769Error(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** A failure to answer in the SP769 envelope. */
    public static final class Failure extends RuntimeException {

        private final Sp769Error error;

        public Failure(Sp769Error error, String message) {
            super(message, null, false, false);
            this.error = error;
        }

        public Sp769Error error() {
            return error;
        }
    }
}
