package vn.kyso.signing.integrator.csc;

/** A CSC API refusal: {@code {"error","error_description"}} with its HTTP status, as the CSC v2 specification words it. */
public final class CscError extends RuntimeException {

    private final int status;
    private final String error;
    private final boolean counts;

    public CscError(int status, String error, String description) {
        this(status, error, description, false);
    }

    private CscError(int status, String error, String description, boolean counts) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.counts = counts;
    }

    /** The same refusal, counted against its source like a wrong secret (a forged or foreign SAD is a guess). */
    public CscError counting() {
        return new CscError(status, error, getMessage(), true);
    }

    public boolean counts() {
        return counts;
    }

    public static CscError invalidRequest(String description) {
        return new CscError(400, "invalid_request", description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
