package vn.kyso.account.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /api/v1/auth/refresh}. */
public record RefreshRequest(@JsonProperty("refresh_token") String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[***]";
    }
}
