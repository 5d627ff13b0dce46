package vn.kyso.ca.rest;

/** @param reason an RFC 5280 CRLReason name: keyCompromise, affiliationChanged, superseded, ... */
public record RevokeRequest(String reason) {
}
