package vn.kyso.signing.integrator.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.kyso.signing.audit.AuditTrail;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.service.ApprovalListener;

/**
 * An approval that allows: approving an integrator's first request (or agreeing on a CSC consent screen) allows that
 * integrator, unless the subscriber blocked it meanwhile — then only an explicit decision undoes the block.
 */
@ApplicationScoped
public class FirstContacts implements ApprovalListener {

    private final AuditTrail audit;
    private final Clock clock;

    public FirstContacts(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Uni<Void> approved(SigningTransaction tx) {
        if (!tx.firstContact) {
            return Uni.createFrom().voidItem();
        }
        tx.firstContact = false;
        return allow(tx.accountId, Integrators.uuid(tx.requesterId), "first request approved");
    }

    /** Allows the integrator unless blocked, inside the caller's database transaction; {@code via} goes to the audit. */
    public Uni<Void> allow(UUID accountId, UUID spId, String via) {
        if (spId == null) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into integrator_consent "
                        + "(account_id, sp_id, granted_at, decision, decided_at) values (:a, :s, :t, 'ALLOWED', :t) "
                        + "on conflict (account_id, sp_id) do update set decision = 'ALLOWED', decided_at = :t "
                        + "where integrator_consent.decision = 'UNDECIDED'")
                .setParameter("a", accountId).setParameter("s", spId).setParameter("t", now).executeUpdate()
                .chain(allowed -> allowed == 0 ? Uni.createFrom().voidItem() : unmark(session, accountId, spId)
                        .call(() -> audit.record("IntegratorAllowed", spId, accountId, Map.of("spId", spId,
                                "via", via))).replaceWithVoid()));
    }

    /** The integrator's pending requests to this subscriber are no longer first contacts. */
    static Uni<Integer> unmark(Mutiny.Session session, UUID accountId, UUID spId) {
        return session.createNativeQuery("update signing_transaction set first_contact = false where account_id = :a "
                + "and requester_id = :s and status = 'PENDING' and first_contact").setParameter("a", accountId)
                .setParameter("s", spId.toString()).executeUpdate();
    }
}
