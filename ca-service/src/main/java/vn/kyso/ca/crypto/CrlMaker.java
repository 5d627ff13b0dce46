package vn.kyso.ca.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;

/** Builds the issuing CA's CRL (RFC 5280 v2, with CRL number and authority key identifier) and checks its signature. */
public final class CrlMaker {

    private CrlMaker() {
    }

    /** @param reasonCode the RFC 5280 CRLReason code */
    public record RevokedEntry(BigInteger serial, Instant revokedAt, int reasonCode) {
    }

    public static byte[] make(CaSigner issuer, BigInteger number, Instant thisUpdate, Instant nextUpdate,
            List<RevokedEntry> revoked) {
        try {
            var builder = new JcaX509v2CRLBuilder(issuer.certificate(), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (RevokedEntry entry : revoked) {
                builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reasonCode());
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate()));
            X509CRLHolder crl = builder.build(issuer.contentSigner());
            if (!crl.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                    .build(issuer.certificate()))) {
                throw new IllegalStateException("the CRL does not verify with the issuing CA's key");
            }
            return crl.getEncoded();
        } catch (IOException | GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                | org.bouncycastle.cert.CertException e) {
            throw new IllegalStateException("cannot build the CRL", e);
        }
    }
}
