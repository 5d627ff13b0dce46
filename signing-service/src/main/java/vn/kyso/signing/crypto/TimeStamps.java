package vn.kyso.signing.crypto;

import java.util.Optional;

/** Where PAdES B-T signatures get their signature time-stamp (RFC 3161); empty means B-B only. */
@FunctionalInterface
public interface TimeStamps {

    /** No TSA: signatures stay at B-B. */
    TimeStamps NONE = (hashOid, imprint) -> Optional.empty();

    /** A DER time-stamp token over this message imprint (hash algorithm OID + hash), or empty if none could be had. */
    Optional<byte[]> tokenForImprint(String hashOid, byte[] imprint);
}
