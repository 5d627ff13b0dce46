package vn.kyso.account.rest;

import java.util.List;

/** Body of {@code PUT /api/v1/service-providers/{spId}/redirect-uris}: the whole new list. */
public record RedirectUrisRequest(List<String> redirectUris) {
}
