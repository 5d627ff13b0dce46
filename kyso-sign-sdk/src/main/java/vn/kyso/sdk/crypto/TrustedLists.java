package vn.kyso.sdk.crypto;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.tsl.TLInfo;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.client.http.DSSFileLoader;
import eu.europa.esig.dss.spi.tsl.TrustedListsCertificateSource;
import eu.europa.esig.dss.spi.x509.CommonCertificateSource;
import eu.europa.esig.dss.tsl.job.TLValidationJob;
import eu.europa.esig.dss.tsl.source.TLSource;
import eu.europa.esig.dss.tsl.sync.ExpirationAndSignatureCheckStrategy;

/**
 * ETSI TS 119 612 trusted lists as trust anchors: each list is fetched, its signature checked against the certificates
 * named for it, and the certificates of the services it grants become anchors for as long as it grants them. A list
 * that is badly signed or past its next update contributes nothing.
 */
public final class TrustedLists {

    /**
     * One trusted list.
     *
     * @param url where it is published ({@code https:}, {@code http:} or {@code file:})
     * @param signers the certificates that may sign it (announced by its scheme operator)
     */
    public record Source(String url, List<X509Certificate> signers) {
    }

    /**
     * What the last refresh found for one list.
     *
     * @param used whether its services are anchors now (well signed and current)
     * @param problem why not, in words, or null
     */
    public record Status(String url, boolean used, String territory, Instant issued, Instant nextUpdate,
            int certificates, String problem) {
    }

    private final TLValidationJob job = new TLValidationJob();
    private final TrustedListsCertificateSource certificates = new TrustedListsCertificateSource();
    private final List<Source> sources;

    private TrustedLists(List<Source> sources, Fetcher fetcher) {
        this.sources = List.copyOf(sources);
        job.setTrustedListSources(sources.stream().map(TrustedLists::tlSource).toArray(TLSource[]::new));
        job.setOnlineDataLoader(new Loader(fetcher));
        job.setTrustedListCertificateSource(certificates);
        ExpirationAndSignatureCheckStrategy strict = new ExpirationAndSignatureCheckStrategy();
        strict.setAcceptExpiredTrustedList(false);
        strict.setAcceptInvalidTrustedList(false);
        job.setSynchronizationStrategy(strict);
    }

    /** The lists, fetched through {@code fetcher} on each {@link #refresh()}; nothing is trusted before the first. */
    public static TrustedLists of(List<Source> sources, Fetcher fetcher) {
        return new TrustedLists(sources, fetcher);
    }

    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /** Fetches and checks every list again; the anchors change only when this returns. */
    public synchronized List<Status> refresh() {
        if (sources.isEmpty()) {
            return List.of();
        }
        job.onlineRefresh();
        return status();
    }

    /** What the last refresh found, list by list. */
    public List<Status> status() {
        var summary = certificates.getSummary();
        List<Status> found = new ArrayList<>();
        if (summary == null) {
            return found;
        }
        for (TLInfo info : summary.getOtherTLInfos()) {
            var parsing = info.getParsingCacheInfo();
            var validation = info.getValidationCacheInfo();
            String problem = null;
            if (info.getDownloadCacheInfo().isError()) {
                problem = "cannot be fetched";
            } else if (parsing == null || parsing.isError() || !parsing.isResultExist()) {
                problem = "is not a trusted list that can be read";
            } else if (validation == null || !validation.isValid()) {
                problem = "is not signed by any of the certificates named for it";
            } else if (parsing.getNextUpdateDate() != null && parsing.getNextUpdateDate().before(new Date())) {
                problem = "is past its next update";
            }
            boolean readable = parsing != null && parsing.isResultExist();
            found.add(new Status(info.getUrl(), problem == null, readable ? parsing.getTerritory() : null,
                    readable ? instant(parsing.getIssueDate()) : null,
                    readable ? instant(parsing.getNextUpdateDate()) : null, readable ? parsing.getCertNumber() : 0,
                    problem));
        }
        return found;
    }

    /** For {@link AdesValidation}: the anchors the lists grant, with the periods they grant them for. */
    TrustedListsCertificateSource certificateSource() {
        return certificates;
    }

    private static TLSource tlSource(Source source) {
        TLSource tl = new TLSource();
        tl.setUrl(source.url());
        CommonCertificateSource signers = new CommonCertificateSource();
        source.signers().forEach(c -> signers.addCertificate(new CertificateToken(c)));
        tl.setCertificateSource(signers);
        return tl;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** Lists over HTTP(S) through the caller's fetcher; {@code file:} lists (a mounted ConfigMap) from the disk. */
    private record Loader(Fetcher fetcher) implements DSSFileLoader {

        @Override
        public InMemoryDocument getDocument(String url) {
            if (url.startsWith("file:")) {
                try {
                    // file:///abs/path (a mounted ConfigMap) or file:relative/path
                    Path path = url.startsWith("file://") ? Path.of(URI.create(url)) : Path.of(url.substring(5));
                    return new InMemoryDocument(Files.readAllBytes(path));
                } catch (IOException | RuntimeException e) {
                    throw new DSSException("the trusted list " + url + " cannot be read");
                }
            }
            return fetcher.get(url).map(InMemoryDocument::new)
                    .orElseThrow(() -> new DSSException("the trusted list " + url + " cannot be fetched"));
        }
    }
}
