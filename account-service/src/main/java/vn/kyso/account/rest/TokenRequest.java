package vn.kyso.account.rest;

/** Body of {@code POST /api/v1/auth/token}. */
public record TokenRequest(String username, String password) {

    @Override
    public String toString() {
        return "TokenRequest[username=" + username + ", password=***]";
    }
}
