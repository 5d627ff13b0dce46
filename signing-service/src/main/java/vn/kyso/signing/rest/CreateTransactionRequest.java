package vn.kyso.signing.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A service's request for the subscriber's signature.
 *
 * @param items each {@code {docId, fileName, digest (base64 SHA-256), hashAlgorithm? ("SHA-256")}}
 * @param expiresInSeconds 30–3600, default 300
 */
public record CreateTransactionRequest(UUID accountId, String appName, String description, Integer expiresInSeconds,
        List<Map<String, String>> items) {
}
