package vn.kyso.commons.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.jboss.logging.Logger;

/**
 * An RFC 3161 client over HTTP (ca-service's {@code /tsa}): asks for a token over a hash with a nonce and the TSA's
 * certificate, and accepts only a granted answer that matches the request.
 */
public final class TsaClient {

    private static final Logger LOG = Logger.getLogger(TsaClient.class);

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    public TsaClient(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A token over SHA-256 of {@code signatureValue} (PAdES B-T), or empty if none could be had. */
    public Optional<byte[]> tokenFor(byte[] signatureValue) {
        try {
            return tokenForImprint(NISTObjectIdentifiers.id_sha256.getId(),
                    MessageDigest.getInstance("SHA-256").digest(signatureValue), null);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A token over a caller's hash (CSC {@code signatures/timestamp}).
     *
     * @param hashOid the hash algorithm's OID
     * @param nonce the caller's nonce, or null for a random one
     */
    public Optional<byte[]> tokenForImprint(String hashOid, byte[] imprint, BigInteger nonce) {
        try {
            TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
            generator.setCertReq(true);
            TimeStampRequest request = generator.generate(new org.bouncycastle.asn1.ASN1ObjectIdentifier(hashOid),
                    imprint, nonce != null ? nonce : new BigInteger(63, random));
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                LOG.warnf("TSA %s answered HTTP %d; no token", url, answer.statusCode());
                return Optional.empty();
            }
            TimeStampResponse response = new TimeStampResponse(answer.body());
            response.validate(request);
            if (response.getTimeStampToken() == null) {
                LOG.warnf("TSA %s refused (status %d); no token", url, response.getStatus());
                return Optional.empty();
            }
            return Optional.of(response.getTimeStampToken().getEncoded());
        } catch (IOException | TSPException | IllegalArgumentException e) {
            LOG.warnf("TSA %s failed (%s); no token", url, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warnf("TSA %s: interrupted while waiting; no token", url);
            return Optional.empty();
        }
    }
}
