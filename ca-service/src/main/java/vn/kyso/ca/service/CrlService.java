package vn.kyso.ca.service;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import vn.kyso.ca.config.CaConfig;
import vn.kyso.ca.crypto.CrlMaker;
import vn.kyso.ca.crypto.OcspResponder;
import vn.kyso.ca.issuance.Serials;
import vn.kyso.ca.model.CrlRecord;
import vn.kyso.ca.repository.CrlRepository;
import vn.kyso.ca.repository.IssuedCertificateRepository;
import vn.kyso.commons.work.Blocking;
import vn.kyso.commons.db.NativeSelects;

/**
 * Publishes the issuing CA's CRL: after every revocation and, on a schedule, before the current one runs out. A
 * database lock makes one replica publish at a time, and CRL numbers strictly increase.
 */
@ApplicationScoped
public class CrlService {

    private static final Logger LOG = Logger.getLogger(CrlService.class);
    private static final long CRL_LOCK = 0x6b79736f_63726c31L;

    private final CrlRepository crls;
    private final IssuedCertificateRepository certificates;
    private final CaKeys keys;
    private final CaConfig config;
    private final Clock clock;

    public CrlService(CrlRepository crls, IssuedCertificateRepository certificates, CaKeys keys, CaConfig config,
            Clock clock) {
        this.crls = crls;
        this.certificates = certificates;
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    /** The current CRL, publishing the first one if none exists yet. */
    public Uni<CrlRecord> current() {
        return Panache.withSession(crls::latest).chain(latest -> latest != null ? Uni.createFrom().item(latest)
                : publish());
    }

    /** Publishes a new CRL with every revoked certificate, in its own transaction. */
    public Uni<CrlRecord> publish() {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("select pg_advisory_xact_lock(:key)")
                        .setParameter("key", NativeSelects.uncached(CRL_LOCK))
                        .getSingleResult())
                .chain(ignored -> crls.latest())
                .chain(latest -> certificates.revoked().chain(revoked -> {
                    long number = latest == null ? 1 : latest.number + 1;
                    Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                    Instant nextUpdate = thisUpdate.plus(config.crl().validity());
                    var entries = revoked.stream().map(c -> new CrlMaker.RevokedEntry(Serials.parse(c.serialNumber),
                            c.revokedAt, OcspResponder.reasonCode(c.revocationReason).orElse(0))).toList();
                    return Blocking.onWorker(() -> CrlMaker.make(keys.issuing(), BigInteger.valueOf(number),
                            thisUpdate, nextUpdate, entries)).chain(der -> {
                                CrlRecord crl = new CrlRecord();
                                crl.number = number;
                                crl.thisUpdate = thisUpdate;
                                crl.nextUpdate = nextUpdate;
                                crl.der = der;
                                return crls.persist(crl);
                            }).invoke(crl -> LOG.infof("published CRL %d with %d revoked certificates", crl.number,
                                    entries.size()));
                })));
    }

    @Scheduled(every = "${kyso.ca.crl.check-every:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refreshIfDue() {
        return Panache.withSession(crls::latest).chain(latest -> {
            boolean due = latest == null
                    || latest.nextUpdate.minus(config.crl().refreshBefore()).isBefore(clock.instant());
            return due ? publish().replaceWithVoid() : Uni.createFrom().voidItem();
        }).onFailure().invoke(e -> LOG.warnf("CRL refresh failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
