package vn.kyso.signing.credential.rest;

/** @param note how the subscriber's identity was verified, or why the recovery is refused (audited) */
public record OperatorNote(String note) {
}
