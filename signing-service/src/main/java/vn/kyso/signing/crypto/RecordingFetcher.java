package vn.kyso.signing.crypto;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CRLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import vn.kyso.sdk.crypto.Fetcher;

/**
 * A {@link Fetcher} that keeps what it fetched for one signature call — OCSP answers, CRLs, CA certificates — so
 * CSC {@code signDoc} can return them as {@code validationInfo}.
 */
public final class RecordingFetcher implements Fetcher {

    /** What was fetched, Base64 DER, by kind. */
    public record Fetched(List<String> ocsp, List<String> crl, List<String> certificates) {
    }

    private final Fetcher fetcher;
    private final List<String> ocsp = Collections.synchronizedList(new ArrayList<>());
    private final List<String> crl = Collections.synchronizedList(new ArrayList<>());
    private final List<String> certificates = Collections.synchronizedList(new ArrayList<>());

    public RecordingFetcher(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public Optional<byte[]> get(String url) {
        Optional<byte[]> body = fetcher.get(url);
        body.ifPresent(this::keep);
        return body;
    }

    @Override
    public Optional<byte[]> post(String url, String contentType, byte[] body) {
        Optional<byte[]> answer = fetcher.post(url, contentType, body);
        if ("application/ocsp-request".equals(contentType)) {
            answer.ifPresent(a -> add(ocsp, a));
        }
        return answer;
    }

    public Fetched fetched() {
        return new Fetched(List.copyOf(ocsp), List.copyOf(crl), List.copyOf(certificates));
    }

    /** A GET brings a CRL or an issuer's certificate (AIA); anything else is not validation data. */
    private void keep(byte[] body) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            try {
                factory.generateCRL(new ByteArrayInputStream(body));
                add(crl, body);
                return;
            } catch (CRLException e) {
                // not a CRL: perhaps a certificate
            }
            factory.generateCertificate(new ByteArrayInputStream(body));
            add(certificates, body);
        } catch (CertificateException e) {
            // neither: not validation data
        }
    }

    private static void add(List<String> list, byte[] der) {
        String encoded = Base64.getEncoder().encodeToString(der);
        if (!list.contains(encoded)) {
            list.add(encoded);
        }
    }
}
