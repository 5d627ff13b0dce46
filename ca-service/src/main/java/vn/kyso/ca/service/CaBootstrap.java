package vn.kyso.ca.service;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import vn.kyso.ca.config.CaConfig;
import vn.kyso.ca.crypto.CaSigner;
import vn.kyso.ca.crypto.CertificateMaker;
import vn.kyso.ca.issuance.Serials;
import vn.kyso.ca.model.CaAuthority;
import vn.kyso.ca.model.CaRole;
import vn.kyso.ca.repository.CaAuthorityRepository;
import vn.kyso.commons.crypto.custody.KeyAlgorithm;
import vn.kyso.commons.crypto.custody.KeyCustody;
import vn.kyso.commons.work.Blocking;
import vn.kyso.commons.db.NativeSelects;

/**
 * Creates the root CA, the issuing CA and the TSA on the very first start, or loads them; replicas starting together
 * serialise on a database lock so exactly one hierarchy exists.
 */
@ApplicationScoped
public class CaBootstrap {

    private static final Logger LOG = Logger.getLogger(CaBootstrap.class);
    private static final long BOOTSTRAP_LOCK = 0x6b79736f_63616b79L;
    private static final byte[] NO_BINDING = new byte[0];

    private final CaAuthorityRepository authorities;
    private final KeyCustody custody;
    private final CaConfig config;
    private final CaKeys keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CaBootstrap(CaAuthorityRepository authorities, KeyCustody custody, CaConfig config, CaKeys keys,
            Clock clock) {
        this.authorities = authorities;
        this.custody = custody;
        this.config = config;
        this.keys = keys;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        Map<CaRole, CaAuthority> hierarchy = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> Panache.getSession().chain(s -> s.createNativeQuery("select pg_advisory_xact_lock(:key)")
                                .setParameter("key", NativeSelects.uncached(BOOTSTRAP_LOCK)).getSingleResult())
                        .chain(ignored -> authorities.listAll())
                        .chain(this::completeHierarchy)));
        Map<CaRole, CaSigner> opened = new EnumMap<>(CaRole.class);
        hierarchy.forEach((role, authority) -> opened.put(role, open(authority)));
        keys.install(opened);
        LOG.infof("CA hierarchy ready (%s custody): issuing CA %s", custody.backend(), hierarchy.get(CaRole.ISSUING).subject);
    }

    private Uni<Map<CaRole, CaAuthority>> completeHierarchy(List<CaAuthority> existing) {
        Map<CaRole, CaAuthority> found = new EnumMap<>(CaRole.class);
        existing.forEach(a -> found.put(a.role, a));
        if (found.size() == CaRole.values().length) {
            return Uni.createFrom().item(found);
        }
        return Blocking.onWorker(() -> {
            Map<CaRole, CaAuthority> created = new EnumMap<>(CaRole.class);
            CaAuthority root = found.computeIfAbsent(CaRole.ROOT, r -> record(created, createRoot()));
            CaAuthority issuing = found.computeIfAbsent(CaRole.ISSUING,
                    r -> record(created, createSubordinate(CaRole.ISSUING, config.issuing(), open(root))));
            found.computeIfAbsent(CaRole.TSA,
                    r -> record(created, createSubordinate(CaRole.TSA, config.tsa(), open(issuing))));
            return created;
        }).chain(created -> authorities.persist(created.values().stream()).replaceWith(found)
                .invoke(() -> created.keySet().forEach(role -> LOG.infof("created the %s key and certificate", role))));
    }

    private static CaAuthority record(Map<CaRole, CaAuthority> created, CaAuthority authority) {
        created.put(authority.role, authority);
        return authority;
    }

    private CaAuthority createRoot() {
        KeyAlgorithm algorithm = algorithm(config.root());
        KeyCustody.GeneratedKey key = custody.generate(algorithm, "kyso-ca-root", NO_BINDING);
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate certificate = CertificateMaker.root(config.root().subject(), key.publicKey(),
                CertificateMaker.CaSignerFactory.of(custody.open(key.reference(), NO_BINDING),
                        algorithm.signatureAlgorithm()),
                serial(), notBefore, notBefore.plus(config.root().validity()));
        return authority(CaRole.ROOT, key, algorithm, certificate);
    }

    private CaAuthority createSubordinate(CaRole role, CaConfig.Authority settings, CaSigner parent) {
        KeyAlgorithm algorithm = algorithm(settings);
        KeyCustody.GeneratedKey key = custody.generate(algorithm, "kyso-ca-" + role.name().toLowerCase(), NO_BINDING);
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = min(notBefore.plus(settings.validity()), parent.certificate().getNotAfter().toInstant());
        String base = config.publicUrl().replaceAll("/+$", "");
        X509Certificate certificate = role == CaRole.TSA
                ? CertificateMaker.timeStamping(settings.subject(), key.publicKey(), parent, serial(), notBefore,
                        notAfter, new CertificateMaker.Publication(base + "/ca/issuing.crt", base + "/crl"))
                : CertificateMaker.issuing(settings.subject(), key.publicKey(), parent, serial(), notBefore, notAfter,
                        new CertificateMaker.Publication(base + "/ca/root.crt", base + "/crl/root"));
        return authority(role, key, algorithm, certificate);
    }

    private CaAuthority authority(CaRole role, KeyCustody.GeneratedKey key, KeyAlgorithm algorithm,
            X509Certificate certificate) {
        CaAuthority authority = new CaAuthority();
        authority.role = role;
        authority.keyReference = key.reference();
        authority.keyAlgorithm = algorithm.wireName();
        authority.signatureAlgorithm = algorithm.signatureAlgorithm();
        try {
            authority.certificate = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        authority.subject = CertificateMaker.subjectOf(certificate);
        authority.serialNumber = certificate.getSerialNumber().toString(16).toUpperCase();
        authority.notBefore = certificate.getNotBefore().toInstant();
        authority.notAfter = certificate.getNotAfter().toInstant();
        authority.createdAt = clock.instant();
        return authority;
    }

    private CaSigner open(CaAuthority authority) {
        return new CaSigner(CertificateMaker.parse(authority.certificate),
                custody.open(authority.keyReference, NO_BINDING), authority.signatureAlgorithm);
    }

    private static KeyAlgorithm algorithm(CaConfig.Authority settings) {
        return KeyAlgorithm.fromWireName(settings.keyAlgorithm()).orElseThrow(
                () -> new IllegalStateException("unknown CA key algorithm " + settings.keyAlgorithm()));
    }

    private BigInteger serial() {
        return Serials.next(random);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
