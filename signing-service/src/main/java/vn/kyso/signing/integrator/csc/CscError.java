package vn.kyso.signing.integrator.csc;

/** A CSC API refusal: {@code {"error","error_description"}} with its HTTP status, as the CSC v2 specification words it. */
public final class CscError extends RuntimeException {

    private final int status;
    private final String error;

    public CscError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
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
