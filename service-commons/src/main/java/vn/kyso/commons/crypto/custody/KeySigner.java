package vn.kyso.commons.crypto.custody;

/** An opened custody key: it signs, it never exports. */
public interface KeySigner {

    /**
     * @param signatureAlgorithm a JCA name such as {@code SHA256withRSA}, {@code SHA256withECDSA}, or
     *        {@code NONEwithRSA} / {@code NONEwithECDSA} for a caller-computed digest (DigestInfo for RSA)
     */
    byte[] sign(String signatureAlgorithm, byte[] data);
}
