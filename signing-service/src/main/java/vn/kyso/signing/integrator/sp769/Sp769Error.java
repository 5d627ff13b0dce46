package vn.kyso.signing.integrator.sp769;

import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.SigningError;

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

    /**
     * The core's error in this contract's words, chosen by the error's code (never its HTTP status): what the SP769
     * resource answers for a {@link ProblemException} from the signing core.
     */
    public static Failure from(ProblemException problem) {
        if (!(problem.code() instanceof SigningError code)) {
            return new Failure(SERVER_INTERNAL_ERROR, SERVER_INTERNAL_ERROR.name());
        }
        Sp769Error error = switch (code) {
            case VALIDATION_FAILED, CHALLENGE_INVALID, PIN_INVALID, REQUEST_REF_REUSED, DOCUMENT_UNREADABLE,
                    DOCUMENT_TOO_LARGE -> BAD_REQUEST;
            case CREDENTIAL_EXISTS, CREDENTIAL_NOT_USABLE, NO_USABLE_CREDENTIAL, TRANSACTION_NOT_PENDING,
                    TRANSACTION_EXPIRED, RENEWAL_NOT_OPEN, RENEWAL_PENDING, RECOVERY_NOT_FOUND, RECOVERY_NOT_OPEN, INTEGRATOR_NOT_FOUND,
                    RECOVERY_CODE_INVALID -> CREDENTIAL_STATUS_INVALID;
            case SAD_INVALID -> SP_CREDENTIAL_INVALID;
            case CREDENTIAL_NOT_FOUND, DEVICE_PROOF_INVALID, PIN_LOCKED, TRANSACTION_NOT_FOUND, DOCUMENT_NOT_FOUND,
                    DEPENDENCY_UNAVAILABLE, VALIDATION_BUSY, DOCUMENT_IN_USE, DOCUMENT_ALREADY_SIGNED,
                    DOCUMENT_QUOTA_REACHED, PREVIEW_BUSY -> SERVER_INTERNAL_ERROR;
        };
        return new Failure(error, problem.getMessage());
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
