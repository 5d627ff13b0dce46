package vn.kyso.sdk;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import vn.kyso.sdk.crypto.Ades;
import vn.kyso.sdk.crypto.Fetcher;
import vn.kyso.sdk.crypto.HttpFetcher;
import vn.kyso.sdk.crypto.TimeStamps;

/**
 * Signs documents on the integrator's side: EU DSS prepares the data to be signed here, only its digest goes to Kyso
 * through a {@link RemoteSigner}, and the signature is embedded here — a PAdES, CAdES or XAdES (the Vietnamese
 * e-invoice included) at B-B to B-LTA, time-stamped by Kyso's TSA and carrying Kyso's OCSP answers and CRLs.
 */
public final class DocumentSigner {

    /** What to make; {@code reason}/{@code location} go into a PDF's signature dictionary. */
    public record Options(Ades.Format format, Ades.Packaging packaging, Ades.Level level, Ades.XmlTarget xml,
            Ades.Appearance appearance, String reason, String location) {

        public static Options pades(Ades.Level level) {
            return new Options(Ades.Format.PADES, Ades.Packaging.ENVELOPED, level, null, null, null, null);
        }

        public static Options einvoice(Ades.Level level) {
            return new Options(Ades.Format.XADES, Ades.Packaging.ENVELOPED, level, Ades.XmlTarget.EINVOICE, null,
                    null, null);
        }

        public static Options cades(Ades.Packaging packaging, Ades.Level level) {
            return new Options(Ades.Format.CADES, packaging, level, null, null, null, null);
        }

        public Options withReason(String reason, String location) {
            return new Options(format, packaging, level, xml, appearance, reason, location);
        }

        public Options withAppearance(Ades.Appearance appearance) {
            return new Options(format, packaging, level, xml, appearance, reason, location);
        }
    }

    private final TimeStamps timeStamps;
    private final Fetcher fetcher;

    /**
     * @param tsaUrl Kyso's time-stamping authority (e.g. {@code http://127.0.0.1:8083/tsa}); null: B-B only
     */
    public DocumentSigner(String tsaUrl) {
        this.fetcher = new HttpFetcher();
        this.timeStamps = tsaUrl == null ? TimeStamps.NONE : TimeStamps.online(tsaUrl, fetcher);
    }

    /**
     * The signed document (or, detached, the signature), after the subscriber approved its digest.
     *
     * @param name the document's file name, shown to the subscriber with the request
     */
    public byte[] sign(byte[] document, String name, Options options, RemoteSigner signer) {
        List<X509Certificate> chain = signer.certificateChain();
        X509Certificate root = chain.get(chain.size() - 1);
        String keyAlgorithm = chain.get(0).getPublicKey().getAlgorithm();
        Ades.Signer who = new Ades.Signer((jca, data) -> signer.sign(digestOf(jca), digest(digestOf(jca), data),
                name), keyAlgorithm, chain, null, options.reason(), options.location());
        Ades.Spec spec = new Ades.Spec(options.format(), options.packaging(), options.level(), "SHA-256",
                options.appearance(), options.xml(), false);
        return Ades.sign(spec, Ades.Content.of(document, name), who, Instant.now(), new Ades.Evidence(timeStamps,
                fetcher, List.of(root))).bytes();
    }

    /** {@code SHA256withRSA} → {@code SHA-256}. */
    private static String digestOf(String jcaAlgorithm) {
        String d = jcaAlgorithm.substring(0, jcaAlgorithm.indexOf("with"));
        return d.replace("SHA", "SHA-");
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
