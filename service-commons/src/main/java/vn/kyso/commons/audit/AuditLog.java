package vn.kyso.commons.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import vn.kyso.audit.AuditFormat;
import vn.kyso.events.EventCodec;
import vn.kyso.commons.db.NativeSelects;

/**
 * Appends to the audit trail inside the caller's transaction: the entry joins its subject's chain (one of
 * {@code kyso.audit.chains}), locking only that chain's head, so the trail never serialises unrelated work.
 */
@ApplicationScoped
public class AuditLog {

    private final int chains;
    private final Clock clock;

    public AuditLog(AuditConfig config, Clock clock) {
        this.chains = config.chains();
        this.clock = clock;
    }

    /**
     * Records {@code kind} about {@code subject} (an account, a certificate serial, an integrator), done by
     * {@code actor} (an account, an operator, a service; null when the system did it). {@code detail} is stored as
     * JSON and must hold no secret.
     */
    public Uni<Void> append(String kind, String subject, String actor, Map<String, ?> detail) {
        int chain = chainOf(subject);
        Instant at = AuditFormat.micros(clock.instant());
        String json = EventCodec.toJson(detail);
        return Panache.getSession().chain(session -> lockHead(session, chain)
                .chain(found -> found != null ? Uni.createFrom().item(found)
                        // A chain's first entry: its head is created once (racing creators meet on the key), then
                        // locked like any other. Every later append locks it in one round trip.
                        : session.createNativeQuery("insert into kyso_audit_head (chain, seq, hash) values (:chain, 0, "
                                + ":genesis) on conflict (chain) do nothing").setParameter("chain", chain)
                                .setParameter("genesis", AuditFormat.GENESIS).executeUpdate()
                                .chain(() -> lockHead(session, chain)))
                .chain(head -> {
                    long seq = ((Number) head[0]).longValue() + 1;
                    byte[] prev = (byte[]) head[1];
                    byte[] hash = AuditFormat.entryHash(prev, chain, seq, at, kind, subject, actor, json);
                    // The entry and the head's move in one statement: one round trip, same transaction and lock.
                    return session.createNativeQuery("with entry as (insert into kyso_audit_entry (chain, seq, "
                                    + "occurred_at, kind, subject, actor, detail, prev_hash, hash) values (:chain, :seq, "
                                    + ":at, :kind, :subject, :actor, :detail, :prev, :hash)) update kyso_audit_head set "
                                    + "seq = :seq, hash = :hash where chain = :chain")
                            .setParameter("chain", chain).setParameter("seq", seq).setParameter("at", at)
                            .setParameter("kind", kind).setParameter("subject", subject)
                            .setParameter("actor", actor).setParameter("detail", json).setParameter("prev", prev)
                            .setParameter("hash", hash).executeUpdate();
                })).replaceWithVoid();
    }

    /** The chain's head (seq, hash), locked until the transaction ends; null while the chain has none. */
    private static Uni<Object[]> lockHead(Mutiny.Session session, int chain) {
        return session.createNativeQuery("select seq, hash from kyso_audit_head where chain = :chain for update",
                        Object[].class).setParameter("chain", NativeSelects.uncached(chain)).getResultList()
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    int chainOf(String subject) {
        return Math.floorMod(subject.hashCode(), chains);
    }
}
