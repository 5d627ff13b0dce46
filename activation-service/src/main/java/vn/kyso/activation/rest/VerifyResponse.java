package vn.kyso.activation.rest;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Step 1 done: the next step and a subscriber token so the app continues without a second login. */
public record VerifyResponse(UUID activationId, String step,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {
}
