package vn.kyso.activation.crypto;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import vn.kyso.activation.config.ActivationConfig;
import vn.kyso.commons.crypto.BoundCodes;
import vn.kyso.commons.crypto.Pem;
import vn.kyso.commons.crypto.SecretSealing;
import vn.kyso.events.SealedSecret;
import vn.kyso.events.notification.ActivationEmailRequested;

/** Makes activation codes, keeps only their keyed hashes, and seals them for notification-service. */
@ApplicationScoped
public class ActivationCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final BoundCodes codes;
    private final PublicKey notificationKey;
    private final String keyId;

    public ActivationCodes(ActivationConfig config) {
        if (config.codePepper().length() < 32) {
            throw new IllegalStateException("kyso.activation.code-pepper must be at least 32 characters");
        }
        this.codes = new BoundCodes(config.codePepper().getBytes(StandardCharsets.UTF_8));
        this.notificationKey = Pem.rsaPublicKey(config.sealing().publicKeyLocation());
        this.keyId = config.sealing().keyId();
    }

    /** A uniformly random 6-digit code, leading zeros included. */
    public String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** The stored form: bound to the activation so a hash copied to another row is useless. */
    public String hash(UUID activationId, String code) {
        return codes.hash(activationId, code);
    }

    public boolean matches(UUID activationId, String code, String storedHash) {
        return codes.matches(activationId, code, storedHash);
    }

    /** Seals the code for notification-service, bound to this activation. */
    public SealedSecret seal(UUID activationId, String code) {
        return SecretSealing.seal(code.getBytes(StandardCharsets.US_ASCII),
                ActivationEmailRequested.codeContext(activationId), notificationKey, keyId);
    }
}
