package vn.kyso.signing.validation.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import vn.kyso.sdk.crypto.Ades;
import vn.kyso.sdk.crypto.Fetcher;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.credential.repository.CredentialRepository;
import vn.kyso.sdk.crypto.AdesValidation;
import vn.kyso.sdk.crypto.TrustedLists;
import vn.kyso.signing.crypto.IssuedCertificates;

/**
 * Validation of documents recipients received, against Kyso's roots and the operator's anchors: nothing is stored, a
 * few run at once (hostile documents must not starve signing), and a refusal names what is wrong with the input.
 */
@ApplicationScoped
public class Validations {

    private static final Logger LOG = Logger.getLogger(Validations.class);

    /** Kyso's roots are read again at most this often: a new root is trusted within a minute. */
    private static final Duration ROOTS_TTL = Duration.ofMinutes(1);

    /** A document to validate with the contents a detached signature covers. */
    public record Request(byte[] document, String name, List<AdesValidation.Detached> detached, boolean reports) {
    }

    private final CredentialRepository credentials;
    private final Fetcher fetcher;
    private final Clock clock;
    private final SigningConfig.Validation config;
    private final List<Path> operatorAnchorFiles;
    private final Semaphore running;
    private final AtomicReference<Roots> roots = new AtomicReference<>(new Roots(List.of(), Instant.MIN));
    /** The lists as last refreshed; a refresh builds new ones and swaps them in whole. */
    private final AtomicReference<TrustedLists> trustedLists = new AtomicReference<>();

    /** Kyso's roots as last read. */
    private record Roots(List<X509Certificate> certificates, Instant readAt) {
    }

    public Validations(CredentialRepository credentials, Fetcher fetcher, Clock clock, SigningConfig config) {
        this.credentials = credentials;
        this.fetcher = fetcher;
        this.clock = clock;
        this.config = config.validation();
        this.operatorAnchorFiles = config.validation().trustAnchors().orElse(List.of());
        this.running = new Semaphore(Math.max(1, config.validation().maxConcurrent()));
    }

    /**
     * Fetches and checks the operator's trusted lists again (signer files re-read, so a rotated signer applies), and
     * trusts what they grant from now on; each list's outcome is logged and returned.
     */
    public synchronized List<TrustedLists.Status> refreshTrustedLists() {
        List<TrustedLists.Source> sources = config.trustedLists().entrySet().stream().sorted(Map.Entry
                .comparingByKey()).map(e -> new TrustedLists.Source(e.getValue().url(),
                        readAnchors(e.getValue().signers()))).toList();
        if (sources.isEmpty()) {
            return List.of();
        }
        TrustedLists fresh = TrustedLists.of(sources, fetcher);
        List<TrustedLists.Status> status = fresh.refresh();
        trustedLists.set(fresh);
        for (TrustedLists.Status s : status) {
            if (s.used()) {
                LOG.infof("trusted list %s (%s, issued %s, next update %s): %d certificate(s) trusted", s.url(),
                        s.territory(), s.issued(), s.nextUpdate(), s.certificates());
            } else {
                LOG.warnf("trusted list %s %s; nothing in it is trusted", s.url(), s.problem());
            }
        }
        return status;
    }

    @Scheduled(every = "${kyso.signing.validation.trusted-lists-refresh:PT6H}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refreshOnSchedule() {
        refreshTrustedLists();
    }

    /** What the last refresh found. */
    public List<TrustedLists.Status> trustedListStatus() {
        TrustedLists current = trustedLists.get();
        return current == null ? List.of() : current.status();
    }

    /** The size limit, checked before anything is decoded further. */
    public int maxDocumentBytes() {
        return config.maxDocumentBytes();
    }

    public Uni<AdesValidation.Outcome> validate(Request request) {
        if (request.document().length > config.maxDocumentBytes()
                || request.detached().stream().anyMatch(d -> d.content().length > config.maxDocumentBytes())) {
            throw new ProblemException(SigningError.DOCUMENT_TOO_LARGE, "a document may be at most "
                    + config.maxDocumentBytes() / (1024 * 1024) + " MiB");
        }
        if (!running.tryAcquire()) {
            throw new ProblemException(SigningError.VALIDATION_BUSY, "try again in a few seconds");
        }
        return kysoRoots().emitOn(Infrastructure.getDefaultWorkerPool())
                .map(roots -> {
                    List<X509Certificate> anchors = new ArrayList<>(roots);
                    anchors.addAll(readAnchors(operatorAnchorFiles));
                    try {
                        return AdesValidation.validate(request.document(), request.name(), request.detached(),
                                anchors, trustedLists.get(), config.online() ? fetcher : null, clock.instant(),
                                request.reports());
                    } catch (Ades.Refused e) {
                        throw new ProblemException(SigningError.DOCUMENT_UNREADABLE, e.getMessage());
                    }
                })
                // Released however the call ends: answered, failed, or the caller gone.
                .onTermination().invoke(running::release);
    }

    /**
     * The operator's anchors, read on each validation (a few certificates): a mounted ConfigMap that changes is
     * trusted at once. A file that cannot be read trusts nothing and is said in the log.
     */
    private Uni<List<X509Certificate>> kysoRoots() {
        Roots known = roots.get();
        if (known.readAt().isAfter(clock.instant().minus(ROOTS_TTL))) {
            return Uni.createFrom().item(known.certificates());
        }
        return credentials.roots().map(ders -> {
            List<X509Certificate> parsed = ders.stream().flatMap(der -> IssuedCertificates.parse(der).stream())
                    .toList();
            roots.set(new Roots(parsed, clock.instant()));
            return parsed;
        });
    }

    private static List<X509Certificate> readAnchors(List<Path> files) {
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    anchors.add((X509Certificate) c);
                }
            } catch (IOException | CertificateException e) {
                LOG.warnf("the trust anchors in %s cannot be read (%s); none of them is trusted", file,
                        e.getClass().getSimpleName());
            }
        }
        return anchors;
    }
}
