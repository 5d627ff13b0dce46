package vn.kyso.commons.problem;

/** Errors every service can answer, raised by the HTTP layer rather than by a domain rule. */
public enum CommonError implements ErrorCode {
    MALFORMED_REQUEST(400, "The request body is not valid JSON of the expected shape"),
    VALIDATION_FAILED(400, "One or more fields are invalid"),
    UNAUTHENTICATED(401, "Authentication is required"),
    FORBIDDEN(403, "You are not allowed to do this"),
    NOT_FOUND(404, "No such resource"),
    METHOD_NOT_ALLOWED(405, "This method is not allowed here"),
    NOT_ACCEPTABLE(406, "No acceptable representation"),
    CONFLICT(409, "The request conflicts with the current state"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported content type"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "The service is temporarily unavailable");

    private final int status;
    private final String title;

    CommonError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }

    /** The common code for an HTTP status the framework produced itself. */
    public static CommonError forStatus(int status) {
        for (CommonError e : values()) {
            if (e.status == status && e != VALIDATION_FAILED) {
                return e;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
    }
}
