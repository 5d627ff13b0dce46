package vn.kyso.sdk.crypto;

import java.util.Optional;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;

/** Where signatures get their time-stamps (RFC 3161): B-T and beyond; {@link #NONE} means B-B only. */
@FunctionalInterface
public interface TimeStamps {

    /** No TSA: signatures stay at B-B. */
    TimeStamps NONE = (hashOid, imprint) -> Optional.empty();

    /** A DER time-stamp token over this message imprint (hash algorithm OID + hash), or empty if none could be had. */
    Optional<byte[]> tokenForImprint(String hashOid, byte[] imprint);

    /** An RFC 3161 TSA over HTTP (Kyso's is ca-service's {@code /tsa}), asked by DSS's client with a nonce. */
    static TimeStamps online(String tsaUrl, Fetcher fetcher) {
        FetcherDataLoader loader = new FetcherDataLoader(fetcher);
        loader.setContentType("application/timestamp-query");
        OnlineTSPSource tsa = new OnlineTSPSource(tsaUrl, loader);
        tsa.setNonceSource(new eu.europa.esig.dss.service.SecureRandomNonceSource());
        return (hashOid, imprint) -> {
            try {
                return Optional.of(tsa.getTimeStampResponse(DigestAlgorithm.forOID(hashOid), imprint).getBytes());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        };
    }
}
