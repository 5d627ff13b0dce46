package vn.kyso.signing.credential.rest;

import java.time.Instant;

/** A challenge for the bound device: sign the ASCII bytes of {@code challenge} with SHA256withECDSA. */
public record ChallengeResponse(String challenge, Instant expiresAt) {
}
