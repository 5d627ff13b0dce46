package vn.kyso.account.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import vn.kyso.account.service.AuthService;

/** An OAuth-style bearer token answer; subscribers also get a refresh token. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("refresh_expires_in") Long refreshExpiresIn) {

    public static TokenResponse of(AuthService.IssuedToken t) {
        return new TokenResponse(t.token(), "Bearer", t.expiresInSeconds(), t.refreshToken(), t.refreshExpiresIn());
    }

    @Override
    public String toString() {
        return "TokenResponse[token_type=" + tokenType + ", expires_in=" + expiresIn + "]";
    }
}
