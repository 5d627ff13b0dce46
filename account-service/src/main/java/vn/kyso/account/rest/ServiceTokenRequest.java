package vn.kyso.account.rest;

/** Body of {@code POST /api/v1/auth/service-token}. */
public record ServiceTokenRequest(String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "ServiceTokenRequest[clientId=" + clientId + ", clientSecret=***]";
    }
}
