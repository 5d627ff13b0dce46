package vn.kyso.notification.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.notification.model.WatchedCertificate;
import vn.kyso.notification.repository.WatchedCertificateRepository;

/**
 * Announces a certificate's expiry 30, 7 and 1 days before it, once each: a periodic sweep finds the certificates
 * that crossed a threshold since their last notice. A certificate first seen inside a threshold gets only the most
 * urgent notice that applies; a revoked one (renewed, re-keyed or revoked for cause) gets none.
 */
@ApplicationScoped
public class ExpiryNotices {

    /** The thresholds, most distant first. */
    static final List<Integer> DAYS = List.of(30, 7, 1);
    private static final Logger LOG = Logger.getLogger(ExpiryNotices.class);
    private static final int BATCH = 200;

    private final WatchedCertificateRepository watched;
    private final Notifier notifier;
    private final Clock clock;

    public ExpiryNotices(WatchedCertificateRepository watched, Notifier notifier, Clock clock) {
        this.watched = watched;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Inside the consumer's transaction: a subscriber's new certificate is watched. */
    public Uni<Void> issued(CertificateIssued issued) {
        return watched.findById(issued.serialNumber()).chain(known -> {
            if (known != null) {
                return Uni.createFrom().voidItem();
            }
            WatchedCertificate w = new WatchedCertificate();
            w.serialNumber = issued.serialNumber();
            w.accountId = issued.accountId();
            w.notAfter = issued.notAfter();
            return watched.persist(w).replaceWithVoid();
        });
    }

    /** Whether the account had a certificate before this one (so this one renews or replaces it). */
    public Uni<Boolean> replacesAnother(CertificateIssued issued) {
        return watched.find("accountId = ?1 and serialNumber <> ?2", issued.accountId(), issued.serialNumber())
                .firstResult().map(java.util.Objects::nonNull);
    }

    /** Inside the consumer's transaction: a revoked certificate announces no expiry. */
    public Uni<Void> revoked(String serialNumber) {
        return watched.update("ended = true where serialNumber = ?1", serialNumber).replaceWithVoid();
    }

    /** The threshold a certificate expiring at {@code notAfter} has crossed at {@code now}, or null for none. */
    static Integer crossed(Instant now, Instant notAfter) {
        Integer crossed = null;
        for (int days : DAYS) {
            if (!notAfter.isAfter(now.plus(Duration.ofDays(days)))) {
                crossed = days;
            }
        }
        return crossed;
    }

    @Scheduled(every = "${kyso.notification.expiry-check:15m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> watched.expiringWithin(now, Duration.ofDays(DAYS.get(0)), BATCH)
                .chain(due -> {
                    Uni<Integer> sent = Uni.createFrom().item(0);
                    for (WatchedCertificate w : due) {
                        Integer days = crossed(now, w.notAfter);
                        if (days == null || (w.announcedDays != null && w.announcedDays <= days)) {
                            continue;
                        }
                        w.announcedDays = days;
                        sent = sent.chain(n -> notifier.notifyIfKnown(w.accountId,
                                Notices.certificateExpiring(w.serialNumber, w.notAfter, days)).replaceWith(n + 1));
                    }
                    return sent;
                }))
                .invoke(n -> {
                    if (n > 0) {
                        notifier.wake();
                        LOG.infof("announced the coming expiry of %d certificate(s)", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("expiry sweep failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
