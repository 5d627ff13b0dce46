package vn.kyso.commons.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.audit.AuditFormat;
import vn.kyso.audit.AuditVerifier;
import vn.kyso.audit.crypto.AuditSignatures;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.events.EventCodec;
import vn.kyso.commons.db.NativeSelects;

/**
 * The trail as JSON lines an auditor can check offline ({@code AuditVerifier}): a header with the public audit key,
 * every entry, every anchor, and a trailer signed over the heads and the last anchor at export time.
 */
@ApplicationScoped
public class AuditExport {

    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int PAGE = 1000;

    private final AuditAnchors anchors;
    private final AuditConfig config;
    private final Clock clock;

    public AuditExport(AuditAnchors anchors, AuditConfig config, Clock clock) {
        this.anchors = anchors;
        this.config = config;
        this.clock = clock;
    }

    public Uni<List<String>> export() {
        AuditSignatures key = anchors.key().orElseThrow(() -> new ProblemException(CommonError.SERVICE_UNAVAILABLE,
                "This service has no audit key (kyso.audit.signing-key): its trail cannot be exported"));
        Instant exportedAt = AuditFormat.micros(clock.instant());
        List<String> lines = new ArrayList<>();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("type", "header");
        header.put("format", "kyso-audit-export-v1");
        header.put("service", anchors.service());
        header.put("keyId", key.keyId());
        header.put("publicKey", key.publicKey());
        header.put("anchorInterval", config.anchorInterval().toString());
        lines.add(EventCodec.toJson(header));
        Map<Integer, AuditFormat.Head> ends = new TreeMap<>();
        return entries(lines, ends, -1, 0).chain(() -> anchors.all()).map(all -> {
            for (AuditAnchors.Anchor a : all) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("type", "anchor");
                line.put("seq", a.seq());
                line.put("anchoredAt", a.anchoredAt().toString());
                line.put("heads", a.heads());
                line.put("prevAnchor", HEX.formatHex(a.prevAnchor()));
                line.put("digest", HEX.formatHex(a.digest()));
                line.put("signature", B64URL.encodeToString(a.signature()));
                line.put("keyId", a.keyId());
                line.put("timestampToken", a.timestampToken() == null ? null
                        : Base64.getEncoder().encodeToString(a.timestampToken()));
                lines.add(EventCodec.toJson(line));
            }
            long lastSeq = all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
            byte[] lastDigest = all.isEmpty() ? AuditFormat.GENESIS : all.get(all.size() - 1).digest();
            String heads = AuditFormat.heads(ends);
            byte[] digest = AuditFormat.trailerDigest(anchors.service(), exportedAt, heads, lastSeq, lastDigest);
            Map<String, Object> trailer = new LinkedHashMap<>();
            trailer.put("type", "trailer");
            trailer.put("exportedAt", exportedAt.toString());
            trailer.put("heads", heads);
            trailer.put("lastAnchor", lastSeq);
            trailer.put("lastAnchorDigest", HEX.formatHex(lastDigest));
            trailer.put("signature", B64URL.encodeToString(key.sign(digest)));
            lines.add(EventCodec.toJson(trailer));
            return lines;
        });
    }

    /** The export checked as an auditor would, on the server (timestamps are checked if present). */
    public Uni<AuditVerifier.Report> verify() {
        return export().map(lines -> AuditVerifier.verify(lines, new AuditVerifier.Options(null, null,
                config.tsaUrl().isEmpty())));
    }

    private Uni<Void> entries(List<String> lines, Map<Integer, AuditFormat.Head> ends, int afterChain, long afterSeq) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select chain, seq, occurred_at, kind, subject, actor, detail, prev_hash, hash from "
                                + "kyso_audit_entry where (chain, seq) > (:chain, :seq) order by chain, seq limit :n",
                        Object[].class).setParameter("chain", afterChain).setParameter("seq", afterSeq)
                .setParameter("n", NativeSelects.uncached(PAGE)).getResultList()))
                .chain(rows -> {
                    for (Object[] r : rows) {
                        Map<String, Object> line = new LinkedHashMap<>();
                        int chain = ((Number) r[0]).intValue();
                        long seq = ((Number) r[1]).longValue();
                        line.put("type", "entry");
                        line.put("chain", chain);
                        line.put("seq", seq);
                        line.put("occurredAt", AuditAnchors.instant(r[2]).toString());
                        line.put("kind", r[3]);
                        line.put("subject", r[4]);
                        line.put("actor", r[5]);
                        line.put("detail", r[6]);
                        line.put("prevHash", HEX.formatHex((byte[]) r[7]));
                        line.put("hash", HEX.formatHex((byte[]) r[8]));
                        lines.add(EventCodec.toJson(line));
                        ends.put(chain, new AuditFormat.Head(seq, (byte[]) r[8]));
                    }
                    if (rows.size() < PAGE) {
                        return Uni.createFrom().voidItem();
                    }
                    Object[] last = rows.get(rows.size() - 1);
                    return entries(lines, ends, ((Number) last[0]).intValue(), ((Number) last[1]).longValue());
                });
    }
}
