package vn.kyso.account.rest;

/** Body of {@code PUT /internal/v1/accounts/{id}/password}. */
public record PasswordRequest(String password) {

    @Override
    public String toString() {
        return "PasswordRequest[password=***]";
    }
}
