package vn.kyso.activation.service;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.security.auth.x500.X500Principal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import vn.kyso.activation.client.SigningServiceClient;
import vn.kyso.activation.document.AcceptanceRecordPdf;
import vn.kyso.activation.model.AcceptanceRecord;
import vn.kyso.activation.model.AcceptanceStatus;
import vn.kyso.activation.model.Activation;
import vn.kyso.activation.model.ActivationState;
import vn.kyso.activation.repository.AcceptanceRecordRepository;
import vn.kyso.activation.repository.ActivationRepository;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.work.Blocking;
import vn.kyso.commons.work.WakeableJob;
import vn.kyso.events.EventTypes;
import vn.kyso.events.activation.ActivationCompleted;

/**
 * Step 4/4: once the certificate is issued, the acceptance record is rendered and handed to signing-service as a
 * signing transaction; when the subscriber signs it, the signed PDF is collected and the activation completes. Calls to
 * signing-service happen in a retrying worker, never in a Kafka consumer, so an outage only delays the step.
 */
@ApplicationScoped
public class AcceptanceService {

    static final String APP_NAME = "Kyso";
    static final String FILE_NAME = "BIÊN BẢN NGHIỆM THU";
    static final String DESCRIPTION = "Ký biên bản nghiệm thu";
    private static final Logger LOG = Logger.getLogger(AcceptanceService.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final AcceptanceRecordRepository records;
    private final ActivationRepository activations;
    private final SigningServiceClient signing;
    private final ServiceTokens tokens;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;
    private final WakeableJob job;

    public AcceptanceService(AcceptanceRecordRepository records, ActivationRepository activations,
            @RestClient SigningServiceClient signing, ServiceTokens tokens, Outbox outbox, OutboxRelay relay,
            Clock clock, Vertx vertx) {
        this.records = records;
        this.activations = activations;
        this.signing = signing;
        this.tokens = tokens;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        this.job = new WakeableJob("Acceptance worker", vertx, this::work);
    }

    /** The first acceptance record of an activation whose certificate just arrived; inside the caller's transaction. */
    public Uni<Void> prepare(Activation activation) {
        if (activation.certificate == null || activation.state == ActivationState.ACCEPTANCE_SIGNED) {
            return Uni.createFrom().voidItem();
        }
        return records.current(activation.id).chain(existing -> existing != null ? Uni.createFrom().voidItem()
                : records.persist(newAttempt(activation, 1, null)).replaceWithVoid());
    }

    private AcceptanceRecord newAttempt(Activation activation, int attempt, byte[] document) {
        Instant now = clock.instant();
        AcceptanceRecord r = new AcceptanceRecord();
        r.id = UUID.randomUUID();
        r.activationId = activation.id;
        r.accountId = activation.accountId;
        r.attempt = attempt;
        r.status = AcceptanceStatus.TO_REQUEST;
        r.document = document;
        r.nextTryAt = now;
        r.createdAt = now;
        r.updatedAt = now;
        return r;
    }

    /** The subscriber asks again after rejecting the record or letting it expire. */
    public Uni<AcceptanceRecord> requestAgain(UUID accountId) {
        return Panache.withTransaction(() -> activations.findByAccount(accountId).chain(activation -> {
            if (activation == null) {
                return Uni.createFrom().failure(new ProblemException(ActivationError.ACTIVATION_NOT_FOUND,
                        "No activation for this account"));
            }
            return records.current(activation.id).chain(current -> {
                if (current == null || (current.status != AcceptanceStatus.REJECTED
                        && current.status != AcceptanceStatus.EXPIRED)) {
                    return Uni.createFrom().failure(new ProblemException(ActivationError.ACCEPTANCE_NOT_RENEWABLE,
                            "The acceptance record is " + (current == null ? "not ready yet" : current.status)));
                }
                return records.persist(newAttempt(activation, current.attempt + 1, current.document));
            });
        })).invoke(ignored -> wake());
    }

    /** The signed acceptance record of an account. */
    public Uni<byte[]> signedRecord(UUID accountId) {
        return current(accountId).map(r -> {
            if (r == null || r.signedDocument == null) {
                throw new ProblemException(ActivationError.ACCEPTANCE_NOT_SIGNED,
                        "The acceptance record of this account is not signed yet");
            }
            return r.signedDocument;
        });
    }

    public Uni<AcceptanceRecord> current(UUID accountId) {
        return Panache.withSession(() -> records.currentForAccount(accountId));
    }

    /** Whether a signing transaction is one of ours (others' signature events are skipped without a transaction). */
    public Uni<Boolean> isOurs(UUID transactionId) {
        return Panache.withSession(() -> records.isOurs(transactionId));
    }

    /** signing-service reported a final state; inside the consumer's transaction. */
    public Uni<Void> signatureFinished(UUID transactionId, AcceptanceStatus outcome) {
        return records.byTransaction(transactionId).invoke(r -> {
            if (r == null || r.status != AcceptanceStatus.PENDING) {
                return;
            }
            r.status = outcome;
            r.nextTryAt = clock.instant();
            r.tries = 0;
            r.updatedAt = clock.instant();
            LOG.infof("acceptance record of activation %s (attempt %d): %s", r.activationId, r.attempt, outcome);
        }).replaceWithVoid();
    }

    /** Work is waiting (a consumer or a request just committed it): run now rather than at the next poll. */
    public void wake() {
        job.wake();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        job.stop();
    }

    /** Catches retries that come due and other replicas' rows. */
    @Scheduled(every = "${kyso.activation.acceptance-worker-interval:1s}", delayed = "1s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    Uni<Void> work() {
        return Panache.withTransaction(() -> records.due(clock.instant(), 10).chain(due -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (AcceptanceRecord r : due) {
                chain = chain.chain(() -> step(r));
            }
            return chain.replaceWith(due.size());
        })).invoke(n -> {
            if (n > 0) {
                relay.wake();
            }
        }).onFailure().invoke(e -> LOG.warnf("acceptance worker failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> step(AcceptanceRecord r) {
        Uni<Void> work = r.status == AcceptanceStatus.TO_REQUEST ? request(r) : collect(r);
        return work.onFailure().recoverWithUni(failure -> {
            if (failure instanceof WebApplicationException web && web.getResponse().getStatus() == 401) {
                tokens.forget();
            }
            r.tries++;
            long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(r.tries, 6));
            r.nextTryAt = clock.instant().plusSeconds(seconds);
            r.lastError = failure instanceof WebApplicationException web
                    ? "signing-service answered HTTP " + web.getResponse().getStatus()
                    : failure.getClass().getSimpleName();
            r.updatedAt = clock.instant();
            LOG.warnf("acceptance record %s: %s step failed (%s), retry in %d s", r.id, r.status, r.lastError,
                    seconds);
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> request(AcceptanceRecord r) {
        return activations.findById(r.activationId).chain(activation -> {
            Uni<byte[]> document = r.document != null ? Uni.createFrom().item(r.document)
                    : Blocking.onWorker(() -> AcceptanceRecordPdf.render(details(activation, clock.instant())));
            return document.chain(pdf -> {
                r.document = pdf;
                var request = new SigningServiceClient.NewTransaction(r.accountId,
                        "acceptance:" + r.activationId + ":" + r.attempt, APP_NAME, DESCRIPTION, null,
                        List.of(Map.of("docId", "acceptance-record", "fileName", FILE_NAME, "type", "pdf",
                                "document", Base64.getEncoder().encodeToString(pdf))));
                return tokens.bearer().chain(bearer -> signing.create(bearer, request));
            }).invoke(tx -> {
                r.transactionId = tx.id();
                r.status = AcceptanceStatus.PENDING;
                r.lastError = null;
                r.updatedAt = clock.instant();
                LOG.infof("acceptance record of activation %s (attempt %d) waits for the subscriber: transaction %s",
                        r.activationId, r.attempt, tx.id());
            }).replaceWithVoid();
        });
    }

    private Uni<Void> collect(AcceptanceRecord r) {
        return tokens.bearer().chain(bearer -> signing.document(bearer, r.transactionId)).chain(signed -> {
            Instant now = clock.instant();
            r.signedDocument = signed;
            r.status = AcceptanceStatus.SIGNED;
            r.lastError = null;
            r.updatedAt = now;
            return activations.findById(r.activationId).chain(activation -> {
                activation.state = ActivationState.ACCEPTANCE_SIGNED;
                activation.updatedAt = now;
                LOG.infof("activation %s complete: acceptance record signed", activation.id);
                return outbox.append(EventTypes.ACTIVATION_COMPLETED, activation.accountId,
                        new ActivationCompleted(activation.id, activation.accountId, now));
            });
        }).replaceWithVoid();
    }

    static AcceptanceRecordPdf.Details details(Activation a, Instant date) {
        X509Certificate certificate = parse(a.certificate);
        return new AcceptanceRecordPdf.Details(a.fullName, a.identifier, a.email,
                certificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT),
                certificate.getSubjectX500Principal().getName(X500Principal.RFC1779),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC1779),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), date);
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("the stored certificate is unreadable", e);
        }
    }
}
