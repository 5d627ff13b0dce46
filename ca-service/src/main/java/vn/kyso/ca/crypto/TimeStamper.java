package vn.kyso.ca.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/** RFC 3161 time-stamp replies signed by the TSA key through custody; bad requests get the protocol's rejection. */
public final class TimeStamper {

    /** SHA-256, SHA-384 and SHA-512 imprints are accepted. */
    private static final Set<ASN1ObjectIdentifier> DIGESTS = Set.of(NISTObjectIdentifiers.id_sha256,
            NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    /**
     * @param der the TimeStampResp to send
     * @param granted whether a token was issued; false means the request was rejected (HTTP 400 at the edge)
     */
    public record Reply(byte[] der, boolean granted) {
    }

    private TimeStamper() {
    }

    public static Reply stamp(byte[] request, CaSigner tsa, List<X509Certificate> chain, String policyOid,
            BigInteger serial, Instant time) {
        TimeStampRequest req;
        try {
            req = new TimeStampRequest(request);
        } catch (IOException | RuntimeException e) {
            return rejection(PKIFailureInfo.badDataFormat, "not a DER-encoded RFC 3161 TimeStampReq");
        }
        if (!DIGESTS.contains(req.getMessageImprintAlgOID())) {
            return rejection(PKIFailureInfo.badAlg, "the message imprint must be SHA-256, SHA-384 or SHA-512");
        }
        if (req.getReqPolicy() != null && !req.getReqPolicy().getId().equals(policyOid)) {
            return rejection(PKIFailureInfo.unacceptedPolicy, "this TSA only issues under policy " + policyOid);
        }
        try {
            DigestCalculator sha256 = new JcaDigestCalculatorProviderBuilder().build()
                    .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
            SignerInfoGenerator signerInfo = new SignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                    .build()).build(tsa.contentSigner(), new JcaX509CertificateHolder(tsa.certificate()));
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signerInfo, sha256,
                    new ASN1ObjectIdentifier(policyOid));
            tokens.addCertificates(new JcaCertStore(chain));
            TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, DIGESTS);
            TimeStampResponse response = responses.generateGrantedResponse(req, serial, Date.from(time));
            response.validate(req);
            return new Reply(response.getEncoded(), true);
        } catch (TSPException e) {
            return rejection(PKIFailureInfo.badRequest, "the request cannot be granted");
        } catch (OperatorCreationException | CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot build the time-stamp token", e);
        }
    }

    private static Reply rejection(int failInfo, String text) {
        try {
            TimeStampResponseGenerator generator = new TimeStampResponseGenerator(null, DIGESTS);
            return new Reply(generator.generateFailResponse(PKIStatus.REJECTION, failInfo, text).getEncoded(), false);
        } catch (TSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
