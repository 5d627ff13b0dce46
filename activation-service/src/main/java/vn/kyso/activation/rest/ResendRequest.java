package vn.kyso.activation.rest;

/** Body of {@code POST /api/v1/activation/resend}. */
public record ResendRequest(String identifier) {
}
