package vn.kyso.signing.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.events.EventCodec;
import vn.kyso.signing.model.AuditEntry;
import vn.kyso.signing.repository.AuditRepository;

/**
 * The hash-chained audit trail: {@code hash = SHA-256(prevHash ‖ seq ‖ occurredAt ‖ type ‖ aggregate ‖ account ‖
 * detail)}, appended in the transaction of the change it records; {@link #verify()} recomputes the chain.
 */
@ApplicationScoped
public class AuditTrail {

    private static final byte[] GENESIS = new byte[32];
    private static final int PAGE = 500;

    private final AuditRepository entries;
    private final Clock clock;

    public AuditTrail(AuditRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /** Runs inside the caller's transaction. {@code detail} is serialised as JSON and must hold no secret. */
    public Uni<Void> record(String eventType, Object aggregateId, UUID accountId, Map<String, ?> detail) {
        return entries.lockAndLast().chain(last -> {
            AuditEntry entry = new AuditEntry();
            entry.seq = last == null ? 1 : last.seq + 1;
            // Microseconds: what PostgreSQL keeps, so the recomputed hash sees the same instant.
            entry.occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            entry.eventType = eventType;
            entry.aggregateId = aggregateId.toString();
            entry.accountId = accountId;
            entry.detail = EventCodec.toJson(detail);
            entry.prevHash = last == null ? GENESIS : last.hash;
            entry.hash = hash(entry);
            return entries.persist(entry).replaceWithVoid();
        });
    }

    /**
     * @param firstBroken the seq of the first row whose hash or link does not hold, null when the chain is intact
     */
    public record Verification(long entries, boolean intact, Long firstBroken, Instant checkedAt) {
    }

    public Uni<Verification> verify() {
        return Panache.withSession(() -> walk(0, GENESIS, 0, 0));
    }

    private Uni<Verification> walk(long afterSeq, byte[] previous, long expectedSeq, long counted) {
        return entries.page(afterSeq, PAGE).chain(page -> {
            byte[] prev = previous;
            long count = counted;
            long expected = expectedSeq;
            for (AuditEntry entry : page) {
                expected++;
                if (entry.seq != expected || !MessageDigest.isEqual(entry.prevHash, prev)
                        || !MessageDigest.isEqual(entry.hash, hash(entry))) {
                    return Uni.createFrom().item(new Verification(count, false, entry.seq == expected ? entry.seq
                            : Math.min(entry.seq, expected), clock.instant()));
                }
                prev = entry.hash;
                count++;
            }
            if (page.size() < PAGE) {
                return Uni.createFrom().item(new Verification(count, true, null, clock.instant()));
            }
            return walk(page.get(page.size() - 1).seq, prev, expected, count);
        });
    }

    static byte[] hash(AuditEntry entry) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(entry.prevHash);
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(entry.seq).array());
            for (String field : List.of(entry.occurredAt.toString(), entry.eventType, entry.aggregateId,
                    entry.accountId == null ? "" : entry.accountId.toString(), entry.detail)) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                sha.update(bytes);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
