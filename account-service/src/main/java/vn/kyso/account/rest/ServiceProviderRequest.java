package vn.kyso.account.rest;

import java.util.List;

/**
 * Body of {@code POST /api/v1/service-providers}.
 *
 * @param redirectUris where the OAuth 2.0 authorization-code flow may send subscribers back (optional)
 */
public record ServiceProviderRequest(String name, String webhookUrl, List<String> redirectUris) {
}
