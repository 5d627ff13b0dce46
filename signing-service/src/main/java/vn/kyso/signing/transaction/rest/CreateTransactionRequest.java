package vn.kyso.signing.transaction.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A service's request for the subscriber's signature.
 *
 * @param requestRef the caller's own id for this request: asking again with it returns the same transaction
 * @param items each {@code {docId, fileName, digest (base64 SHA-256), hashAlgorithm? ("SHA-256")}}, or for a whole
 *        PDF signed as PAdES {@code {docId, fileName, type: "pdf", document (base64)}}
 * @param expiresInSeconds 30–3600, default 300
 */
public record CreateTransactionRequest(UUID accountId, String requestRef, String appName, String description,
        Integer expiresInSeconds, List<Map<String, String>> items) {
}
