package vn.kyso.signing.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import vn.kyso.signing.crypto.SealedSecrets;
import vn.kyso.signing.crypto.Totp;
import vn.kyso.signing.crypto.WebhookSignatures;

/** Sealing, MAC and webhook keys, each derived from the root key under its own label (docs/key-hierarchy.md). */
@Singleton
public class SealedSecretsProducer {

    @Produces
    @Singleton
    SealedSecrets sealedSecrets(SigningConfig config) {
        byte[] root;
        try {
            root = Base64.getDecoder().decode(config.rootKey().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("kyso.signing.root-key must be base64 (of 32 random bytes)");
        }
        if (root.length < 32) {
            throw new IllegalStateException("kyso.signing.root-key must hold at least 32 bytes");
        }
        // Values sealed before the root key existed were sealed under the PIN pepper: they still open, and are
        // sealed again under the root key the next time they are written.
        return new SealedSecrets(root, config.pin().pepper().getBytes(StandardCharsets.UTF_8));
    }

    @Produces
    @Singleton
    WebhookSignatures webhookSignatures(SealedSecrets sealed) {
        return new WebhookSignatures(sealed.key("webhook-signing.ed25519.v1").getEncoded());
    }

    @Produces
    @Singleton
    Totp totp() {
        return new Totp();
    }
}
