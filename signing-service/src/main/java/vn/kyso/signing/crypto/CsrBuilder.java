package vn.kyso.signing.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.util.UUID;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

import vn.kyso.commons.crypto.custody.CustodyContentSigner;
import vn.kyso.commons.crypto.custody.KeySigner;

/** The PKCS#10 request for a new credential key, signed inside custody by that key (its proof of possession). */
public final class CsrBuilder {

    private CsrBuilder() {
    }

    /** Subject {@code CN=<accountId>}: ca-service takes the real subject from the account, this only names it. */
    public static byte[] build(UUID accountId, PublicKey publicKey, KeySigner key, String signatureAlgorithm) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, accountId.toString()).build();
        try {
            return new PKCS10CertificationRequestBuilder(subject,
                    SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()))
                    .build(new CustodyContentSigner(key, signatureAlgorithm)).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
