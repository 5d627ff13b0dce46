package vn.kyso.portal.rest;

/** The portal's own errors (the services' errors pass through unchanged). */
public enum PortalError {
    VALIDATION_FAILED(400, "The request is not valid"),
    SESSION_REQUIRED(401, "Sign in first, or again: the session is missing or has ended"),
    CSRF_REJECTED(403, "The request lacks this page's anti-forgery token; reload the page"),
    SUBSCRIBERS_ONLY(403, "The portal signs in subscribers only"),
    NOT_FOUND(404, "No such page or service path"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    SERVICE_UNAVAILABLE(503, "A Kyso service did not answer; try again in a moment");

    private final int status;
    private final String title;

    PortalError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** This error as an exception carrying {@code detail}. */
    public PortalException with(String detail) {
        return new PortalException(this, detail);
    }

    /** An error to answer with; mapped once, at the edge, to problem+json. */
    public static final class PortalException extends RuntimeException {

        private final PortalError error;

        PortalException(PortalError error, String detail) {
            super(detail, null, false, false);
            this.error = error;
        }

        public PortalError error() {
            return error;
        }
    }
}
