package vn.kyso.signing.credential.rest;

/** @param reason what happened, in the subscriber's words for the operator ("điện thoại bị mất") */
public record RecoveryRequest(String reason) {
}
