package vn.kyso.audit.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 from a 32-byte seed (a service's audit key, signing-service's webhook key), and verification of anchors and
 * trailers.
 */
public final class AuditSignatures {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final Ed25519PrivateKeyParameters key;
    private final byte[] publicKey;

    public AuditSignatures(byte[] seed) {
        this.key = new Ed25519PrivateKeyParameters(seed, 0);
        this.publicKey = key.generatePublicKey().getEncoded();
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** The public key, base64url (a JWK's {@code x}). */
    public String publicKey() {
        return B64URL.encodeToString(publicKey);
    }

    public String keyId() {
        return keyId(publicKey);
    }

    public static boolean verify(String publicKeyB64url, byte[] message, byte[] signature) {
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(Base64.getUrlDecoder().decode(publicKeyB64url), 0));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** RFC 7638 thumbprint of the OKP key. */
    public static String keyId(byte[] x) {
        String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + B64URL.encodeToString(x) + "\"}";
        try {
            return B64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
