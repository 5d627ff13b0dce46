package vn.kyso.signing.integrator.csc;

import vn.kyso.commons.problem.ErrorCode;

/** What the portal's consent screen can be told about an OAuth 2.0 authorization request, as problem+json codes. */
public enum ConsentError implements ErrorCode {
    REQUEST_NOT_FOUND(404, "No such authorization request"),
    REQUEST_ANSWERED(409, "The authorization request was already answered or has expired"),
    NOT_YOUR_CREDENTIAL(403, "The application asks for a signing key of another subscriber"),
    NOT_APPROVED(409, "The signature is not approved yet");

    private final int status;
    private final String title;

    ConsentError(int status, String title) {
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
}
