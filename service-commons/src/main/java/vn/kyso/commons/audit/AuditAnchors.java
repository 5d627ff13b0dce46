package vn.kyso.commons.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import vn.kyso.audit.AuditFormat;
import vn.kyso.audit.crypto.AuditSignatures;
import vn.kyso.events.EventTypes;
import vn.kyso.events.audit.AuditAnchored;
import vn.kyso.commons.crypto.TsaClient;
import vn.kyso.commons.db.NativeSelects;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.commons.work.Blocking;
import vn.kyso.commons.work.WakeableJob;

/**
 * Anchors the trail every {@code kyso.audit.anchor-interval}: every chain's head, linked to the anchor before, signed
 * with the service's audit key and timestamped by Kyso's TSA (outside any transaction). Rows deleted or a chain
 * recomputed after an anchor no longer match it; anchors deleted leave a gap or a stale last anchor, and differ from
 * the copies published on {@code kyso.audit.anchors}.
 */
@ApplicationScoped
public class AuditAnchors {

    private static final Logger LOG = Logger.getLogger(AuditAnchors.class);
    private static final String SHA256_OID = "2.16.840.1.101.3.4.2.1";

    /** One anchor row. */
    public record Anchor(long seq, Instant anchoredAt, String heads, byte[] prevAnchor, byte[] digest,
            byte[] signature, String keyId, byte[] timestampToken) {
    }

    private final String service;
    private final Optional<AuditSignatures> key;
    private final Optional<TsaClient> tsa;
    private final Clock clock;
    private final WakeableJob job;
    private final Outbox outbox;
    private final OutboxRelay relay;

    public AuditAnchors(AuditConfig config, Clock clock, Vertx vertx, Outbox outbox, OutboxRelay relay,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.outbox = outbox;
        this.relay = relay;
        this.service = service;
        this.key = config.signingKey().filter(k -> !k.isBlank()).map(k -> new AuditSignatures(seed(k)));
        this.tsa = config.tsaUrl().map(url -> new TsaClient(url, config.tsaTimeout()));
        this.clock = clock;
        this.job = new WakeableJob("Audit anchoring", vertx, this::anchor);
        if (key.isEmpty()) {
            LOG.infof("%s has no audit key (kyso.audit.signing-key): its trail is kept but not anchored", service);
        }
    }

    static byte[] seed(String base64) {
        byte[] seed = Base64.getDecoder().decode(base64.strip());
        if (seed.length < 32) {
            throw new IllegalStateException("kyso.audit.signing-key must hold 32 bytes (base64)");
        }
        return java.util.Arrays.copyOf(seed, 32);
    }

    public String service() {
        return service;
    }

    public Optional<AuditSignatures> key() {
        return key;
    }

    @Scheduled(every = "${kyso.audit.anchor-interval:60s}", delayed = "1s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (key.isPresent()) {
            job.wake();
        }
    }

    /** Anchors now (tests, and an export that wants its newest entries covered). */
    public void wake() {
        if (key.isPresent()) {
            job.wake();
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        job.stop();
    }

    /** Computes the next anchor, timestamps it outside any transaction, then stores it unless a replica did first. */
    Uni<Void> anchor() {
        AuditSignatures signer = key.orElseThrow();
        LOG.debugf("Anchoring the audit trail of %s", service);
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select chain, seq, hash from kyso_audit_head where seq > :after", Object[].class)
                        .setParameter("after", NativeSelects.uncached(0L)).getResultList()
                .chain(rows -> session.createNativeQuery("select seq, digest from kyso_audit_anchor order by seq desc "
                        + "limit :n", Object[].class).setParameter("n", NativeSelects.uncached(1)).getResultList()
                        .map(last -> {
                            Map<Integer, AuditFormat.Head> heads = new TreeMap<>();
                            for (Object[] r : rows) {
                                if (((Number) r[1]).longValue() > 0) {
                                    heads.put(((Number) r[0]).intValue(), new AuditFormat.Head(
                                            ((Number) r[1]).longValue(), (byte[]) r[2]));
                                }
                            }
                            long seq = last.isEmpty() ? 1 : ((Number) last.get(0)[0]).longValue() + 1;
                            byte[] prev = last.isEmpty() ? AuditFormat.GENESIS : (byte[]) last.get(0)[1];
                            Instant at = AuditFormat.micros(clock.instant());
                            String text = AuditFormat.heads(heads);
                            byte[] digest = AuditFormat.anchorDigest(service, seq, at, text, prev);
                            return new Anchor(seq, at, text, prev, digest, signer.sign(digest), signer.keyId(), null);
                        }))))
                .chain(anchor -> Blocking.onWorker(() -> tsa.flatMap(t -> t.tokenForImprint(
                        SHA256_OID, anchor.digest(), null)).orElse(null))
                        .map(token -> new Anchor(anchor.seq(), anchor.anchoredAt(), anchor.heads(), anchor.prevAnchor(),
                                anchor.digest(), anchor.signature(), anchor.keyId(), token)))
                .chain(anchor -> {
                    if (anchor.timestampToken() == null && tsa.isPresent()) {
                        // Not stored without its time: the next tick tries again (the verifier flags a long pause).
                        LOG.warnf("Audit anchor %d of %s postponed: the TSA did not answer", anchor.seq(), service);
                        return Uni.createFrom().voidItem();
                    }
                    // The anchor and its publication share one transaction: the outbox relay puts it on
                    // kyso.audit.anchors, beyond this database, unless a replica stored this number first.
                    return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                            .createNativeQuery("insert into kyso_audit_anchor (seq, anchored_at, heads, prev_anchor,"
                                    + " digest, signature, key_id, timestamp_token) values (:seq, :at, :heads, :prev,"
                                    + " :digest, :sig, :kid, :token) on conflict (seq) do nothing")
                            .setParameter("seq", anchor.seq()).setParameter("at", anchor.anchoredAt())
                            .setParameter("heads", anchor.heads()).setParameter("prev", anchor.prevAnchor())
                            .setParameter("digest", anchor.digest()).setParameter("sig", anchor.signature())
                            .setParameter("kid", anchor.keyId()).setParameter("token", anchor.timestampToken() == null
                                    ? new byte[0] : anchor.timestampToken())
                            .executeUpdate())
                            .chain(inserted -> inserted == 0 ? Uni.createFrom().voidItem()
                                    : outbox.append(EventTypes.AUDIT_ANCHORED, service, published(anchor))
                                            .replaceWithVoid()))
                            .invoke(relay::wake);
                })
                .replaceWithVoid();
    }

    private AuditAnchored published(Anchor a) {
        HexFormat hex = HexFormat.of();
        return new AuditAnchored(service, a.seq(), a.anchoredAt(), a.heads(), hex.formatHex(a.prevAnchor()),
                hex.formatHex(a.digest()), Base64.getUrlEncoder().withoutPadding().encodeToString(a.signature()),
                a.keyId(), a.timestampToken() == null ? null : Base64.getEncoder().encodeToString(a.timestampToken()));
    }

    /** Every anchor, oldest first. */
    public Uni<List<Anchor>> all() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select seq, anchored_at, heads, prev_anchor, digest, signature, key_id, timestamp_token from "
                        + "kyso_audit_anchor where seq > :after order by seq", Object[].class)
                .setParameter("after", NativeSelects.uncached(0L)).getResultList()))
                .map(rows -> rows.stream().map(r -> new Anchor(((Number) r[0]).longValue(), instant(r[1]),
                        (String) r[2], (byte[]) r[3], (byte[]) r[4], (byte[]) r[5], (String) r[6],
                        r[7] == null || ((byte[]) r[7]).length == 0 ? null : (byte[]) r[7])).toList());
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
