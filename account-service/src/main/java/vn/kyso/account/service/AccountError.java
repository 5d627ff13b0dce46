package vn.kyso.account.service;

import vn.kyso.commons.problem.ErrorCode;

/** account-service's error vocabulary. */
public enum AccountError implements ErrorCode {
    VALIDATION_FAILED(400, "One or more fields are invalid"),
    IDENTIFIER_TAKEN(409, "An account with this identifier already exists"),
    INVALID_CREDENTIALS(401, "Wrong username or password"),
    ACCOUNT_NOT_FOUND(404, "No such account"),
    ACCOUNT_ALREADY_ACTIVE(409, "The account is activated; its password is no longer set through activation"),
    PASSWORD_REJECTED(400, "The password does not meet the password rule"),
    INVALID_CLIENT(401, "Unknown service client or wrong secret"),
    SESSION_ENDED(401, "This session has ended; sign in again"),
    INVALID_REFRESH_TOKEN(401, "The refresh token is unknown, expired or already used; log in again"),
    SERVICE_PROVIDER_NOT_FOUND(404, "No such service provider"),
    SERVICE_PROVIDER_NAME_TAKEN(409, "A service provider with this name already exists"),
    SERVICE_PROVIDER_DISABLED(409, "The service provider is disabled");

    private final int status;
    private final String title;

    AccountError(int status, String title) {
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
