package vn.kyso.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit trail's wire format, shared by the services that write it and the offline verifier: an entry's hash links
 * it to the one before in its chain; an anchor fixes every chain's head at a moment, linked to the anchor before and
 * signed; the trailer of an export fixes the heads at export time. Every hashed field is length-prefixed.
 */
public final class AuditFormat {

    /** The {@code prevHash} of a chain's first entry and the {@code prevAnchor} of the first anchor. */
    public static final byte[] GENESIS = new byte[32];

    private AuditFormat() {
    }

    /** One chain's head: its last sequence number and that entry's hash. */
    public record Head(long seq, byte[] hash) {
    }

    public static byte[] entryHash(byte[] prevHash, int chain, long seq, Instant occurredAt, String kind,
            String subject, String actor, String detail) {
        Fields f = new Fields("kyso-audit-entry-v1").bytes(prevHash).number(chain).number(seq).instant(occurredAt)
                .text(kind).text(subject).text(actor).text(detail);
        return sha256(f.out.toByteArray());
    }

    public static byte[] anchorDigest(String service, long seq, Instant anchoredAt, String heads, byte[] prevAnchor) {
        Fields f = new Fields("kyso-audit-anchor-v1").text(service).number(seq).instant(anchoredAt).text(heads)
                .bytes(prevAnchor);
        return sha256(f.out.toByteArray());
    }

    public static byte[] trailerDigest(String service, Instant exportedAt, String heads, long lastAnchor,
            byte[] lastAnchorDigest) {
        Fields f = new Fields("kyso-audit-export-v1").text(service).instant(exportedAt).text(heads).number(lastAnchor)
                .bytes(lastAnchorDigest);
        return sha256(f.out.toByteArray());
    }

    /** Canonical text of the heads: chains in ascending order, {@code chain:seq:hexhash} joined by commas. */
    public static String heads(Map<Integer, Head> heads) {
        StringBuilder text = new StringBuilder();
        for (var e : new TreeMap<>(heads).entrySet()) {
            text.append(text.isEmpty() ? "" : ",").append(e.getKey()).append(':').append(e.getValue().seq())
                    .append(':').append(HexFormat.of().formatHex(e.getValue().hash()));
        }
        return text.toString();
    }

    /** The inverse of {@link #heads(Map)}. */
    public static Map<Integer, Head> parseHeads(String text) {
        Map<Integer, Head> heads = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return heads;
        }
        for (String part : text.split(",")) {
            String[] f = part.split(":");
            heads.put(Integer.parseInt(f[0]), new Head(Long.parseLong(f[1]), HexFormat.of().parseHex(f[2])));
        }
        return heads;
    }

    /** Microseconds: what PostgreSQL keeps, so a hash recomputed from a stored instant matches. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Fields {

        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Fields(String label) {
            text(label);
        }

        Fields bytes(byte[] value) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
            out.writeBytes(value);
            return this;
        }

        Fields text(String value) {
            return value == null ? bytes(new byte[] {-1}) : bytes(value.getBytes(StandardCharsets.UTF_8));
        }

        Fields number(long value) {
            return bytes(ByteBuffer.allocate(8).putLong(value).array());
        }

        Fields instant(Instant value) {
            Instant m = micros(value);
            return number(m.getEpochSecond() * 1_000_000L + m.getNano() / 1_000);
        }
    }
}
