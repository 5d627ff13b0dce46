package vn.kyso.signing;

import vn.kyso.commons.problem.ErrorCode;

/** signing-service's error vocabulary; each code is a message the app shows. */
public enum SigningError implements ErrorCode {
    VALIDATION_FAILED(400, "One or more fields are invalid"),
    CREDENTIAL_EXISTS(409, "This account already has a signing credential"),
    CREDENTIAL_NOT_FOUND(404, "No such credential"),
    CREDENTIAL_NOT_USABLE(409, "The credential cannot be used in its current state"),
    DEVICE_PROOF_INVALID(401, "The device's signature over the challenge is missing or wrong"),
    CHALLENGE_INVALID(400, "The challenge is unknown, used or expired; ask for a new one"),
    PIN_INVALID(400, "The PIN is wrong"),
    PIN_LOCKED(423, "Too many wrong PINs: reset the PIN to unlock the credential"),
    RENEWAL_NOT_OPEN(409, "The certificate can be renewed only in the last days before it expires"),
    RENEWAL_PENDING(409, "A renewal of this certificate is already under way"),
    INTEGRATOR_NOT_FOUND(404, "No such integrator"),
    RECOVERY_NOT_FOUND(404, "No recovery was asked for this credential"),
    RECOVERY_NOT_OPEN(409, "The recovery is not waiting for this step"),
    RECOVERY_CODE_INVALID(400, "The recovery code is wrong or expired"),
    NO_USABLE_CREDENTIAL(409, "The subscriber has no active signing credential"),
    TRANSACTION_NOT_FOUND(404, "No such signing transaction"),
    TRANSACTION_NOT_PENDING(409, "The transaction is no longer waiting for approval"),
    TRANSACTION_EXPIRED(409, "The time to sign has run out"),
    DOCUMENT_NOT_FOUND(404, "The transaction has no such document"),
    REQUEST_REF_REUSED(409, "The request reference is already used for another request"),
    SAD_INVALID(401, "The signature activation data is unknown, spent or wrong"),
    DOCUMENT_UNREADABLE(422, "The document is not a signed PDF, XML or CMS that can be read"),
    DOCUMENT_TOO_LARGE(413, "The document is larger than the service accepts"),
    VALIDATION_BUSY(503, "Too many documents are being validated; try again in a moment"),
    DOCUMENT_IN_USE(409, "A signature request for this document is waiting; approve or reject it first"),
    DOCUMENT_ALREADY_SIGNED(409, "This document is already signed; download it"),
    DOCUMENT_QUOTA_REACHED(409, "Too many documents are kept; delete some first"),
    PREVIEW_BUSY(503, "Too many pages are being drawn; try again in a moment"),
    DEPENDENCY_UNAVAILABLE(503, "A service this one needs cannot be reached; try again");

    private final int status;
    private final String title;

    SigningError(int status, String title) {
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
