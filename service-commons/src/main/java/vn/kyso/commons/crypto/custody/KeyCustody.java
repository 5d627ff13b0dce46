package vn.kyso.commons.crypto.custody;

import java.security.PublicKey;

/**
 * Where private keys live: they are generated inside, used inside and never handed out in clear.
 *
 * <p>A key is known to its owner by an opaque {@code reference} (stored with the owner's data) and may be bound to a
 * secret of the key holder (a PIN-derived value): the software backend mixes it into the key-wrapping key, so the
 * stored reference plus the master key alone cannot be used to sign.
 */
public interface KeyCustody {

    /** {@code software} or {@code pkcs11}. */
    String backend();

    /**
     * @param label a stable name for the key (a credential or CA id); the PKCS#11 object label
     * @param binding the key holder's secret bound to the key, or an empty array for none
     */
    GeneratedKey generate(KeyAlgorithm algorithm, String label, byte[] binding);

    /** Opens a key for signing; the handle keeps the key inside custody and should be dropped after use. */
    KeySigner open(String reference, byte[] binding);

    /**
     * Changes the secret a key is bound to (a PIN change) and returns the reference to store from now on.
     *
     * @throws CustodyException if the old binding does not open the key
     */
    String rebind(String reference, byte[] oldBinding, byte[] newBinding);

    /** Destroys the key where the backend can (a token object); a software reference simply stops being stored. */
    void destroy(String reference);

    /**
     * Makes a 256-bit HMAC-SHA256 key inside custody (a token object, sensitive and non-extractable) and returns its
     * reference; only a backend that keeps keys inside a device can: the software backend keeps no secret keys.
     */
    default String generateSecret(String label) {
        throw new CustodyException(backend() + " custody keeps no secret keys", null);
    }

    /** HMAC-SHA256 of {@code data} under the secret key {@code reference}, computed inside custody. */
    default byte[] hmac(String reference, byte[] data) {
        throw new CustodyException(backend() + " custody keeps no secret keys", null);
    }

    /** A new key: the reference to store and the public half. */
    record GeneratedKey(String reference, PublicKey publicKey) {
    }
}
