package vn.kyso.account.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An OAuth-style bearer token answer. */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {
}
