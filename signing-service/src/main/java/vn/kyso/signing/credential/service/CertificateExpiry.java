package vn.kyso.signing.credential.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.credential.model.CredentialStatus;
import vn.kyso.signing.credential.repository.CredentialRepository;

/**
 * A credential whose certificate expired unrenewed becomes EXPIRED: every adapter then refuses to sign with it by its
 * own rules, its key and PIN stay as they were, and renewal (PIN + device) gives it a new certificate.
 */
@ApplicationScoped
public class CertificateExpiry {

    private static final Logger LOG = Logger.getLogger(CertificateExpiry.class);

    private final CredentialRepository credentials;
    private final Clock clock;

    public CertificateExpiry(CredentialRepository credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    @Scheduled(every = "${kyso.signing.certificate-expiry-check:1m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> expire() {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> credentials.update("status = ?1, updatedAt = ?2 where status = ?3 and "
                        + "certificateNotAfter <= ?2", CredentialStatus.EXPIRED, now, CredentialStatus.ACTIVE))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("%d credential(s) expired with their certificates", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("certificate expiry sweep failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
