package vn.kyso.audit.crypto;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/** Checks an RFC 3161 token: signed by the certificate it carries (or the one given), over the expected digest. */
public final class TimeStampTokens {

    private TimeStampTokens() {
    }

    /** What a token says, once it checks out. */
    public record Checked(Instant genTime, X509Certificate signer) {
    }

    /**
     * @param trusted the TSA certificate to require, or null to accept the one the token carries (reported to the
     *        caller, who compares it with the TSA's published certificate)
     * @return the token's time, or null when it does not verify or is not over {@code digest}
     */
    public static Checked check(byte[] encoded, byte[] digest, X509Certificate trusted) {
        try {
            TimeStampToken token = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(encoded));
            if (!Arrays.equals(token.getTimeStampInfo().getMessageImprintDigest(), digest)) {
                return null;
            }
            X509Certificate signer = trusted;
            if (signer == null) {
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
                if (matches.isEmpty()) {
                    return null;
                }
                signer = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
            }
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
            return new Checked(token.getTimeStampInfo().getGenTime().toInstant(), signer);
        } catch (CMSException | TSPException | IOException | CertificateException | OperatorCreationException
                | IllegalArgumentException e) {
            return null;
        }
    }
}
