package vn.kyso.activation.service;

import vn.kyso.commons.problem.ErrorCode;

/** activation-service's error vocabulary; each code is a message the app shows. */
public enum ActivationError implements ErrorCode {
    VALIDATION_FAILED(400, "One or more fields are invalid"),
    ACTIVATION_CODE_INVALID(400, "The identifier or the activation code is wrong"),
    ACTIVATION_CODE_EXPIRED(400, "The activation code has expired; ask for a new one"),
    ACTIVATION_LOCKED(423, "Too many wrong codes: ask for a new code to unlock"),
    TOO_MANY_RESENDS(429, "Too many new codes requested; try again later"),
    ACTIVATION_NOT_FOUND(404, "No activation for this account"),
    ACTIVATION_PAST_STEP_1(409, "The activation code was already used"),
    ACCEPTANCE_NOT_RENEWABLE(409, "The acceptance record can be asked for again only after it was rejected or expired"),
    ACCEPTANCE_NOT_SIGNED(404, "The acceptance record is not signed yet"),
    ACCOUNT_SERVICE_UNAVAILABLE(503, "The account service cannot be reached; try again shortly");

    private final int status;
    private final String title;

    ActivationError(int status, String title) {
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
