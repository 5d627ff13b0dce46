package vn.kyso.signing.crypto;

import java.util.Optional;

/** Where PAdES B-T signatures get their signature time-stamp (RFC 3161); empty means B-B only. */
@FunctionalInterface
public interface TimeStamps {

    /** No TSA: signatures stay at B-B. */
    TimeStamps NONE = signatureValue -> Optional.empty();

    /** A DER time-stamp token over SHA-256 of the signature value, or empty if none could be had. */
    Optional<byte[]> tokenFor(byte[] signatureValue);
}
