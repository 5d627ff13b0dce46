package vn.kyso.events.audit;

import java.time.Instant;

/**
 * A service anchored its audit trail: the same anchor its export carries, published beyond its database so that rows
 * and anchors deleted together are still caught ({@code ./kyso audit verify --anchors}). Encodings as in the export.
 *
 * @param heads every chain's head, {@code chain:seq:hexhash} joined by commas
 * @param prevAnchor hex digest of the anchor before (zeros for the first)
 * @param digest hex SHA-256 over the anchor's fields
 * @param signature base64url Ed25519 signature of the digest with the service's audit key
 * @param timestampToken base64 RFC 3161 token over the digest, or null where no TSA is configured
 */
public record AuditAnchored(
        String service,
        long seq,
        Instant anchoredAt,
        String heads,
        String prevAnchor,
        String digest,
        String signature,
        String keyId,
        String timestampToken) {
}
