package vn.kyso.account.rest;

/** Body of {@code POST /api/v1/accounts}. */
public record CreateAccountRequest(String idType, String idNumber, String fullName, String email, String phone,
        String province, String locality) {
}
