package vn.kyso.audit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.kyso.audit.crypto.AuditSignatures;
import vn.kyso.audit.crypto.TimeStampTokens;

/**
 * Checks an audit export (JSON lines: header, entries, anchors, trailer) with nothing but the file: every chain's
 * links and hashes, every anchor's link, signature and RFC 3161 time, that every anchored head is still in the
 * export with the same hash (rows deleted or a chain recomputed after it was anchored are caught), that anchoring
 * went on until the export, and the trailer's signature over what was exported.
 *
 * <p>{@code java -cp … vn.kyso.audit.AuditVerifier <export.jsonl> [--key <base64url Ed25519 key>] [--tsa-cert <pem>]
 * [--allow-untimestamped]}: prints the findings, exits 0 when the export holds, 1 when it does not, 2 on bad usage.
 */
public final class AuditVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    /** How far an anchor's RFC 3161 time may be from the time it states. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * What to require beyond the file itself.
     *
     * @param publishedAnchors the anchors as published on {@code kyso.audit.anchors} (JSON lines, any services'), to
     *        hold the export against; null to check the export alone
     */
    public record Options(String expectedKey, X509Certificate tsaCertificate, boolean allowUntimestamped,
            List<String> publishedAnchors) {

        public Options(String expectedKey, X509Certificate tsaCertificate, boolean allowUntimestamped) {
            this(expectedKey, tsaCertificate, allowUntimestamped, null);
        }

        public static Options defaults() {
            return new Options(null, null, false);
        }
    }

    /**
     * @param unanchored entries newer than the last anchor (their deletion could not be told; they are anchored at
     *        the next interval)
     */
    public record Report(boolean intact, List<String> problems, long entries, long anchors, long unanchored,
            String service, String keyId) {
    }

    private AuditVerifier() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: AuditVerifier <export.jsonl> [--key <x>] [--tsa-cert <pem>] "
                    + "[--allow-untimestamped] [--anchors <published-anchors.jsonl>]");
            System.exit(2);
        }
        String key = null;
        X509Certificate tsa = null;
        boolean untimestamped = false;
        List<String> published = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--anchors" -> published = Files.readAllLines(Path.of(args[++i]), StandardCharsets.UTF_8);
                case "--key" -> key = args[++i];
                case "--tsa-cert" -> tsa = certificate(Files.readAllBytes(Path.of(args[++i])));
                case "--allow-untimestamped" -> untimestamped = true;
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        Report report = verify(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8),
                new Options(key, tsa, untimestamped, published));
        System.out.printf("%s: %d entries, %d anchors, %d not yet anchored, key %s%n", report.service(),
                report.entries(), report.anchors(), report.unanchored(), report.keyId());
        report.problems().forEach(p -> System.out.println("PROBLEM: " + p));
        System.out.println(report.intact() ? "INTACT" : "NOT INTACT");
        System.exit(report.intact() ? 0 : 1);
    }

    public static Report verify(List<String> lines, Options options) {
        List<String> problems = new ArrayList<>();
        JsonNode header = null;
        JsonNode trailer = null;
        Map<Integer, List<JsonNode>> chains = new TreeMap<>();
        List<JsonNode> anchors = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                problems.add("a line is not JSON");
                continue;
            }
            switch (node.path("type").asText()) {
                case "header" -> header = node;
                case "entry" -> chains.computeIfAbsent(node.path("chain").asInt(), c -> new ArrayList<>()).add(node);
                case "anchor" -> anchors.add(node);
                case "trailer" -> trailer = node;
                default -> problems.add("unknown line type " + node.path("type").asText());
            }
        }
        if (header == null || trailer == null) {
            problems.add("the export has no " + (header == null ? "header" : "trailer") + ": cut short or not an export");
            return new Report(false, problems, 0, anchors.size(), 0, null, null);
        }
        String service = header.path("service").asText();
        String publicKey = header.path("publicKey").asText();
        if (options.expectedKey() != null && !options.expectedKey().equals(publicKey)) {
            problems.add("the export is signed with another key than the one expected");
        }
        Duration interval = Duration.parse(header.path("anchorInterval").asText("PT60S"));

        // 1. Chains: contiguous, linked, hashes recompute.
        Map<Integer, Map<Long, byte[]>> hashes = new TreeMap<>();
        Map<Integer, AuditFormat.Head> ends = new TreeMap<>();
        long entries = 0;
        for (var chain : chains.entrySet()) {
            List<JsonNode> rows = chain.getValue();
            rows.sort((a, b) -> Long.compare(a.path("seq").asLong(), b.path("seq").asLong()));
            byte[] prev = AuditFormat.GENESIS;
            long expected = 0;
            Map<Long, byte[]> byseq = new TreeMap<>();
            for (JsonNode row : rows) {
                entries++;
                expected++;
                long seq = row.path("seq").asLong();
                byte[] hash = hex(row.path("hash").asText());
                if (seq != expected) {
                    problems.add("chain " + chain.getKey() + ": entry " + expected + " is missing (next is " + seq + ")");
                    expected = seq;
                }
                byte[] recomputed = AuditFormat.entryHash(hex(row.path("prevHash").asText()), chain.getKey(), seq,
                        Instant.parse(row.path("occurredAt").asText()), text(row, "kind"), text(row, "subject"),
                        text(row, "actor"), text(row, "detail"));
                if (!MessageDigest.isEqual(hex(row.path("prevHash").asText()), prev)) {
                    problems.add("chain " + chain.getKey() + ": entry " + seq + " does not link to the one before");
                }
                if (!MessageDigest.isEqual(recomputed, hash)) {
                    problems.add("chain " + chain.getKey() + ": entry " + seq + " was altered (hash does not recompute)");
                }
                byseq.put(seq, hash);
                prev = hash;
            }
            hashes.put(chain.getKey(), byseq);
            ends.put(chain.getKey(), new AuditFormat.Head(expected, prev));
        }

        // 2. Anchors: contiguous, linked, signed, timestamped, and every head they fixed still in the export.
        anchors.sort((a, b) -> Long.compare(a.path("seq").asLong(), b.path("seq").asLong()));
        byte[] prevAnchor = AuditFormat.GENESIS;
        long expectedAnchor = 0;
        Map<Integer, Long> anchoredUpTo = new TreeMap<>();
        Instant lastAnchoredAt = null;
        for (JsonNode anchor : anchors) {
            expectedAnchor++;
            long seq = anchor.path("seq").asLong();
            if (seq != expectedAnchor) {
                problems.add("anchor " + expectedAnchor + " is missing (next is " + seq + ")");
                expectedAnchor = seq;
            }
            Instant at = Instant.parse(anchor.path("anchoredAt").asText());
            String heads = anchor.path("heads").asText();
            byte[] digest = AuditFormat.anchorDigest(service, seq, at, heads, hex(anchor.path("prevAnchor").asText()));
            if (!MessageDigest.isEqual(hex(anchor.path("prevAnchor").asText()), prevAnchor)) {
                problems.add("anchor " + seq + " does not link to the anchor before");
            }
            if (!MessageDigest.isEqual(digest, hex(anchor.path("digest").asText()))) {
                problems.add("anchor " + seq + " was altered (digest does not recompute)");
            }
            if (!AuditSignatures.verify(publicKey, digest, Base64.getUrlDecoder().decode(anchor.path("signature")
                    .asText()))) {
                problems.add("anchor " + seq + ": the signature does not verify with the audit key");
            }
            String token = anchor.path("timestampToken").asText(null);
            if (token == null || token.isEmpty()) {
                if (!options.allowUntimestamped()) {
                    problems.add("anchor " + seq + " has no RFC 3161 timestamp");
                }
            } else {
                TimeStampTokens.Checked checked = TimeStampTokens.check(Base64.getDecoder().decode(token), digest,
                        options.tsaCertificate());
                if (checked == null) {
                    problems.add("anchor " + seq + ": the RFC 3161 timestamp does not verify over the anchor");
                } else if (Duration.between(checked.genTime(), at).abs().compareTo(CLOCK_SKEW) > 0) {
                    problems.add("anchor " + seq + " claims " + at + " but was timestamped at " + checked.genTime());
                }
            }
            for (var head : AuditFormat.parseHeads(heads).entrySet()) {
                byte[] present = hashes.getOrDefault(head.getKey(), Map.of()).get(head.getValue().seq());
                if (present == null) {
                    problems.add("anchor " + seq + " fixed chain " + head.getKey() + " at entry " + head.getValue().seq()
                            + ", which the export lacks (rows deleted)");
                } else if (!MessageDigest.isEqual(present, head.getValue().hash())) {
                    problems.add("anchor " + seq + " fixed chain " + head.getKey() + " at entry " + head.getValue().seq()
                            + " with another hash (the chain was rewritten)");
                }
                anchoredUpTo.merge(head.getKey(), head.getValue().seq(), Math::max);
            }
            prevAnchor = hex(anchor.path("digest").asText());
            lastAnchoredAt = at;
        }

        // 3. The trailer: signed over what was exported; anchoring went on until the export.
        Instant exportedAt = Instant.parse(trailer.path("exportedAt").asText());
        String trailerHeads = trailer.path("heads").asText();
        byte[] trailerDigest = AuditFormat.trailerDigest(service, exportedAt, trailerHeads,
                trailer.path("lastAnchor").asLong(), hex(trailer.path("lastAnchorDigest").asText()));
        if (!AuditSignatures.verify(publicKey, trailerDigest, Base64.getUrlDecoder().decode(trailer.path("signature")
                .asText()))) {
            problems.add("the trailer's signature does not verify: the export was altered or cut");
        }
        if (!trailerHeads.equals(AuditFormat.heads(ends))) {
            problems.add("the entries differ from those the service exported (trailer heads)");
        }
        if (trailer.path("lastAnchor").asLong() != expectedAnchor
                || !MessageDigest.isEqual(hex(trailer.path("lastAnchorDigest").asText()), prevAnchor)) {
            problems.add("the anchors differ from those the service exported");
        }
        if (entries > 0 && (lastAnchoredAt == null || lastAnchoredAt.isBefore(exportedAt.minus(interval.multipliedBy(3))))) {
            problems.add("no anchor in the last " + interval.multipliedBy(3) + " before the export: anchors were "
                    + "deleted or anchoring stopped");
        }
        if (options.publishedAnchors() != null) {
            comparePublished(service, options.publishedAnchors(), anchors, problems);
        }
        long unanchored = 0;
        for (var end : ends.entrySet()) {
            unanchored += end.getValue().seq() - anchoredUpTo.getOrDefault(end.getKey(), 0L);
        }
        return new Report(problems.isEmpty(), problems, entries, anchors.size(), unanchored, service,
                header.path("keyId").asText());
    }

    /**
     * 4. The copies published beyond the database: each must be in the export unchanged; one the export lacks means
     * anchors (and the rows they fixed) were deleted or renumbered after publication.
     */
    private static void comparePublished(String service, List<String> published, List<JsonNode> anchors,
            List<String> problems) {
        Map<Long, String> exported = new TreeMap<>();
        anchors.forEach(a -> exported.put(a.path("seq").asLong(), a.path("digest").asText()));
        long lastExported = exported.isEmpty() ? 0 : ((TreeMap<Long, String>) exported).lastKey();
        int mine = 0;
        for (String line : published) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                problems.add("a line of the published anchors is not JSON");
                continue;
            }
            if (!service.equals(node.path("service").asText())) {
                continue;
            }
            mine++;
            long seq = node.path("seq").asLong();
            String digest = exported.get(seq);
            if (digest == null) {
                problems.add(seq > lastExported
                        ? "anchor " + seq + " was published but the export ends at anchor " + lastExported
                                + ": the trail was cut back"
                        : "anchor " + seq + " was published but is not in the export");
            } else if (!digest.equals(node.path("digest").asText())) {
                problems.add("anchor " + seq + " differs from the one published: the trail was rewritten");
            }
        }
        if (mine == 0 && !exported.isEmpty()) {
            problems.add("no published anchor of " + service + " to compare with");
        }
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static byte[] hex(String value) {
        try {
            return HEX.parseHex(value);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static X509Certificate certificate(byte[] pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a certificate: " + e.getMessage());
        }
    }
}
