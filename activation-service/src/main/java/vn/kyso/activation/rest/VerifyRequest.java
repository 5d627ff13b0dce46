package vn.kyso.activation.rest;

/** Body of {@code POST /api/v1/activation/verify}: wizard step 1/4. */
public record VerifyRequest(String identifier, String activationCode, String password, String confirmPassword,
        Boolean acceptTerms) {

    @Override
    public String toString() {
        return "VerifyRequest[identifier=" + identifier + ", activationCode=***, password=***]";
    }
}
