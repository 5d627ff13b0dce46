package vn.kyso.events;

/**
 * A secret sealed to one recipient's public key (hybrid encryption), the only form in which a secret may travel in
 * a Kafka record.
 *
 * @param alg {@value #ALG}: a fresh AES-256-GCM key, wrapped with RSA-OAEP (SHA-256, MGF1-SHA-256)
 * @param kid which recipient key can open it, so keys can be rotated
 * @param encryptedKey base64 of the wrapped AES key
 * @param iv base64 of the 12-byte GCM nonce
 * @param ciphertext base64 of the ciphertext with its 16-byte tag
 */
public record SealedSecret(String alg, String kid, String encryptedKey, String iv, String ciphertext) {

    public static final String ALG = "RSA-OAEP-256+A256GCM";

    @Override
    public String toString() {
        return "SealedSecret[alg=" + alg + ", kid=" + kid + "]";
    }
}
