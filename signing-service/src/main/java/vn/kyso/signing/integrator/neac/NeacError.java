package vn.kyso.signing.integrator.neac;

import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.SigningError;

/** The NEAC profile's answers other than success: HTTP status = {@code status_code} = {@code code}. */
public enum NeacError {
    BAD_REQUEST(400),
    SP_CREDENTIAL_INVALID(401),
    CREDENTIAL_STATUS_INVALID(403),
    NOT_FOUND(404),
    SIGN_REJECTED(409),
    SIGN_EXPIRED(410),
    /** Past the source's request budget or failure back-off; the answer carries {@code Retry-After}. */
    TOO_MANY_REQUESTS(429),
    SERVER_INTERNAL_ERROR(500);

    private final int status;

    NeacError(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The core's error in this profile's words, chosen by the error's code (never its HTTP status). */
    public static Failure from(ProblemException problem) {
        if (!(problem.code() instanceof SigningError code)) {
            return new Failure(SERVER_INTERNAL_ERROR, SERVER_INTERNAL_ERROR.name());
        }
        return switch (code) {
            case VALIDATION_FAILED, CHALLENGE_INVALID, PIN_INVALID, DOCUMENT_UNREADABLE, DOCUMENT_TOO_LARGE -> new Failure(
                    BAD_REQUEST, BAD_REQUEST.name());
            case REQUEST_REF_REUSED -> new Failure(BAD_REQUEST, "DUPLICATE_TRANSACTION_ID");
            case CREDENTIAL_EXISTS, CREDENTIAL_NOT_USABLE, NO_USABLE_CREDENTIAL, TRANSACTION_NOT_PENDING,
                    PIN_LOCKED, RENEWAL_NOT_OPEN, RENEWAL_PENDING, RECOVERY_NOT_OPEN, RECOVERY_CODE_INVALID -> new Failure(
                    CREDENTIAL_STATUS_INVALID, CREDENTIAL_STATUS_INVALID.name());
            case TRANSACTION_EXPIRED -> new Failure(SIGN_EXPIRED, SIGN_EXPIRED.name());
            case CREDENTIAL_NOT_FOUND, TRANSACTION_NOT_FOUND, DOCUMENT_NOT_FOUND, RECOVERY_NOT_FOUND,
                    INTEGRATOR_NOT_FOUND -> new Failure(NOT_FOUND,
                    NOT_FOUND.name());
            case SAD_INVALID -> new Failure(SP_CREDENTIAL_INVALID, SP_CREDENTIAL_INVALID.name());
            case DEVICE_PROOF_INVALID, DEPENDENCY_UNAVAILABLE, VALIDATION_BUSY, DOCUMENT_IN_USE,
                    DOCUMENT_ALREADY_SIGNED, DOCUMENT_QUOTA_REACHED, PREVIEW_BUSY -> new Failure(SERVER_INTERNAL_ERROR,
                    SERVER_INTERNAL_ERROR.name());
        };
    }

    /** A failure to answer in the profile's error envelope; the message is one of the profile's words. */
    public static final class Failure extends RuntimeException {

        private final NeacError error;

        public Failure(NeacError error, String message) {
            super(message, null, false, false);
            this.error = error;
        }

        public Failure(NeacError error) {
            this(error, error.name());
        }

        public NeacError error() {
            return error;
        }
    }
}
