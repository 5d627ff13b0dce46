package vn.kyso.events.serviceprovider;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An SP's registered OAuth 2.0 redirect URIs were replaced; codes are sent only to these from now on. */
public record ServiceProviderRedirectUrisChanged(UUID spId, List<String> redirectUris, Instant changedAt) {
}
