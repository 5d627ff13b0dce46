package vn.kyso.ca.crypto;

import java.security.cert.X509Certificate;

import vn.kyso.commons.crypto.custody.CustodyContentSigner;
import vn.kyso.commons.crypto.custody.KeySigner;

/**
 * A CA (or TSA) as a signer: its certificate and its custody key.
 *
 * @param signatureAlgorithm the JCA name it signs with, e.g. {@code SHA256withECDSA}
 */
public record CaSigner(X509Certificate certificate, KeySigner key, String signatureAlgorithm) {

    CustodyContentSigner contentSigner() {
        return new CustodyContentSigner(key, signatureAlgorithm);
    }
}
