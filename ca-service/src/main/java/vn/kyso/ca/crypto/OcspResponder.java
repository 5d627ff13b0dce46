package vn.kyso.ca.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * RFC 6960 answers signed by the issuing CA itself: good, revoked (time and reason) or unknown per requested
 * certificate; the nonce is echoed. A request that does not parse gets the protocol's own malformedRequest answer.
 */
public final class OcspResponder {

    /** What the CA knows of one serial it issued. */
    public record Known(boolean revoked, Instant revokedAt, int reasonCode) {
    }

    /**
     * @param der the OCSP response to send
     * @param malformed whether the request could not be read (HTTP 400 at the edge)
     */
    public record Answer(byte[] der, boolean malformed) {
    }

    private OcspResponder() {
    }

    /** The serials asked about whose issuer is this CA; the caller looks them up before {@link #respond}. */
    public static Optional<List<BigInteger>> serialsAskedOf(byte[] request) {
        try {
            OCSPReq req = new OCSPReq(request);
            List<BigInteger> serials = new ArrayList<>();
            for (Req one : req.getRequestList()) {
                serials.add(one.getCertID().getSerialNumber());
            }
            return serials.isEmpty() ? Optional.empty() : Optional.of(serials);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static Answer respond(byte[] request, CaSigner issuer, Map<BigInteger, Known> known, Instant now,
            Instant nextUpdate) {
        OCSPReq req;
        try {
            req = new OCSPReq(request);
            if (req.getRequestList().length == 0) {
                return malformed();
            }
        } catch (IOException | RuntimeException e) {
            return malformed();
        }
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer.certificate());
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(
                    new RespID(issuerHolder.getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1)));
            for (Req one : req.getRequestList()) {
                CertificateID id = one.getCertID();
                boolean ours = id.matchesIssuer(issuerHolder, digests);
                Known status = ours ? known.get(id.getSerialNumber()) : null;
                CertificateStatus answer = status == null ? new UnknownStatus()
                        : status.revoked() ? new RevokedStatus(Date.from(status.revokedAt()), status.reasonCode())
                        : CertificateStatus.GOOD;
                builder.addResponse(id, answer, Date.from(now), Date.from(nextUpdate), null);
            }
            Extension nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            BasicOCSPResp basic = builder.build(issuer.contentSigner(), null, Date.from(now));
            return new Answer(new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded(), false);
        } catch (OCSPException | OperatorCreationException | CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot build the OCSP response", e);
        }
    }

    /** The reason a certificate on hold carries (RFC 5280 {@code certificateHold}). */
    public static final String HOLD = "certificateHold";

    /** RFC 5280 reason names to codes: the revocation API's and {@link #HOLD}. */
    public static Optional<Integer> reasonCode(String name) {
        return Optional.ofNullable(REASONS.apply(name));
    }

    private static final Function<String, Integer> REASONS = name -> switch (name == null ? "" : name) {
        case "unspecified" -> CRLReason.unspecified;
        case "keyCompromise" -> CRLReason.keyCompromise;
        case "affiliationChanged" -> CRLReason.affiliationChanged;
        case "superseded" -> CRLReason.superseded;
        case "cessationOfOperation" -> CRLReason.cessationOfOperation;
        case "privilegeWithdrawn" -> CRLReason.privilegeWithdrawn;
        case HOLD -> CRLReason.certificateHold;
        default -> null;
    };

    private static Answer malformed() {
        try {
            return new Answer(new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded(), true);
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
