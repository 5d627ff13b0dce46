package vn.kyso.account.rest;

/** Body of {@code POST /api/v1/service-providers}. */
public record ServiceProviderRequest(String name, String webhookUrl) {
}
