package vn.kyso.signing.integrator.service;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.audit.AuditTrail;
import vn.kyso.signing.integrator.repository.ServiceProviderRepository;
import vn.kyso.signing.transaction.service.Approvals;

/**
 * A subscriber's say over integrators: the list of those that asked or looked (or were decided on), and a decision per
 * integrator. A blocked one reaches the subscriber no more — its pending requests are refused, later requests and
 * look-ups answer as for an unknown subscriber in each contract's own words, its OAuth 2.0 grants end at once;
 * allowing it again undoes the block.
 */
@ApplicationScoped
public class Consents {

    public static final String ALLOWED = Integrators.ALLOWED;
    public static final String BLOCKED = Integrators.BLOCKED;
    /** Requester types of integrators' requests (the subscriber's own and Kyso's are not integrators). */
    private static final List<String> INTEGRATOR_REQUESTS = List.of("SP", "NEAC", "CSC");

    private final ServiceProviderRepository providers;
    private final Approvals approvals;
    private final AuditTrail audit;
    private final Clock clock;

    public Consents(ServiceProviderRepository providers, Approvals approvals, AuditTrail audit, Clock clock) {
        this.providers = providers;
        this.approvals = approvals;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * An integrator as its subscriber sees it: who, the decision (null: none yet), when it last asked for a signature
     * and when it last looked the subscriber up without being allowed to.
     */
    public record Entry(UUID spId, String name, String decision, Instant decidedAt, Instant lastRequestAt,
            Instant lastLookupAt) {
    }

    public Uni<List<Entry>> list(UUID accountId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select sp.sp_id, sp.name, c.decision, c.decided_at, r.last_request, c.last_lookup_at "
                        + "from service_provider sp "
                        + "left join integrator_consent c on c.sp_id = sp.sp_id and c.account_id = :a "
                        + "left join (select requester_id, max(requested_at) as last_request from signing_transaction "
                        + "where account_id = :a and requester_type in (:types) group by requester_id) r "
                        + "on r.requester_id = cast(sp.sp_id as text) "
                        + "where c.sp_id is not null or r.requester_id is not null order by sp.name", Object[].class)
                .setParameter("a", accountId).setParameter("types", INTEGRATOR_REQUESTS).getResultList()))
                .map(rows -> {
                    List<Entry> out = new ArrayList<>();
                    for (Object[] row : rows) {
                        String decision = (String) row[2];
                        out.add(new Entry((UUID) row[0], (String) row[1], ALLOWED.equals(decision)
                                || BLOCKED.equals(decision) ? decision : null, instant(row[3]), instant(row[4]),
                                instant(row[5])));
                    }
                    return out;
                });
    }

    /**
     * ALLOWED or BLOCKED. Blocking also refuses the integrator's pending requests to this subscriber and revokes its
     * OAuth 2.0 grants from them; allowing ends the "first request" mark of its pending ones.
     */
    public Uni<Entry> decide(UUID accountId, UUID spId, String decision) {
        if (!ALLOWED.equals(decision) && !BLOCKED.equals(decision)) {
            throw new ProblemException(SigningError.VALIDATION_FAILED, "decision must be ALLOWED or BLOCKED");
        }
        Instant now = clock.instant();
        boolean block = BLOCKED.equals(decision);
        return Panache.withTransaction(() -> providers.findById(spId).chain(sp -> {
            if (sp == null) {
                return Uni.createFrom().failure(new ProblemException(SigningError.INTEGRATOR_NOT_FOUND,
                        "No such integrator"));
            }
            return Panache.getSession().chain(session -> session.createNativeQuery("insert into integrator_consent "
                            + "(account_id, sp_id, granted_at, decision, decided_at) values (:a, :s, :t, :d, :t) "
                            + "on conflict (account_id, sp_id) do update set decision = :d, decided_at = :t")
                    .setParameter("a", accountId).setParameter("s", spId).setParameter("t", now)
                    .setParameter("d", decision).executeUpdate()
                    .chain(() -> block ? session.createNativeQuery("update oauth_authorization "
                            + "set status = 'REVOKED' where sp_id = :s and account_id = :a and status in "
                            + "('PENDING', 'CODE_ISSUED', 'ACTIVE')").setParameter("s", spId)
                            .setParameter("a", accountId).executeUpdate()
                            : FirstContacts.unmark(session, accountId, spId)))
                    .chain(changed -> (block ? approvals.refuseAllFrom(accountId, spId.toString())
                            : Uni.createFrom().item(0)).call(refused -> audit.record(block ? "IntegratorBlocked"
                                    : "IntegratorAllowed", spId, accountId, block ? Map.of("spId", spId,
                                            "grantsRevoked", changed, "requestsRefused", refused)
                                            : Map.of("spId", spId, "via", "decision"))))
                    .map(ignored -> new Entry(spId, sp.name, decision, now, null, null));
        })).invoke(approvals::committed);
    }

    private static Instant instant(Object value) {
        return value == null ? null : value instanceof Instant i ? i : value instanceof OffsetDateTime o
                ? o.toInstant() : value instanceof java.sql.Timestamp t ? t.toInstant()
                : value instanceof java.time.LocalDateTime l ? l.toInstant(java.time.ZoneOffset.UTC) : null;
    }
}
