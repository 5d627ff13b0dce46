package vn.kyso.signing.transaction.service;

import jakarta.enterprise.context.ApplicationScoped;

import vn.kyso.sdk.crypto.Ades;
import vn.kyso.sdk.crypto.Fetcher;
import vn.kyso.sdk.crypto.TimeStamps;
import vn.kyso.commons.crypto.custody.KeySigner;
import vn.kyso.signing.credential.model.Credential;
import vn.kyso.signing.crypto.IssuedCertificates;

/** What an AdES signature of a credential draws on: its chain, Kyso's TSA, OCSP and CRLs, and its root as anchor. */
@ApplicationScoped
public class AdesSigning {

    private final TimeStamps timeStamps;
    private final Fetcher fetcher;

    public AdesSigning(TimeStamps timeStamps, Fetcher fetcher) {
        this.timeStamps = timeStamps;
        this.fetcher = fetcher;
    }

    public Ades.Evidence evidence(Credential credential) {
        return evidence(credential, fetcher);
    }

    /** The same, fetching through {@code through} (which may keep what it fetched). */
    public Ades.Evidence evidence(Credential credential, Fetcher through) {
        return new Ades.Evidence(timeStamps, through, IssuedCertificates.chain(credential.rootCertificate));
    }

    /** The HTTP client the long-term levels fetch with. */
    public Fetcher fetcher() {
        return fetcher;
    }

    /** The opened key with the credential's certificate chain; {@code reason}/{@code location} for PDFs. */
    public Ades.Signer signer(KeySigner key, Credential credential, String reason, String location) {
        return new Ades.Signer(key::sign, credential.keyAlgorithm, IssuedCertificates.chain(credential.certificate,
                credential.caCertificate, credential.rootCertificate), null, reason, location);
    }
}
