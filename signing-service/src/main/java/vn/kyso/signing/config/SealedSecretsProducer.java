package vn.kyso.signing.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.quarkus.vertx.VertxContextSupport;
import vn.kyso.commons.crypto.custody.KeyCustody;
import vn.kyso.signing.crypto.RecoveryCodes;
import vn.kyso.signing.crypto.SealedSecrets;
import vn.kyso.signing.crypto.Totp;
import vn.kyso.signing.crypto.WebhookSignatures;
import vn.kyso.signing.keys.RootKeyRepository;

/**
 * Sealing, MAC and webhook keys, each derived from the root key under its own label (docs/key-hierarchy.md): a key
 * inside the token with PKCS#11 custody, the configured Secret with software custody.
 */
@Singleton
public class SealedSecretsProducer {

    private static final Logger LOG = Logger.getLogger(SealedSecretsProducer.class);
    static final String TOKEN_LABEL = "kyso-signing-root";

    // Made at start-up, on the main thread: the token root's first use may create it (a database lock, a token call).
    @Produces
    @Singleton
    @Startup
    SealedSecrets sealedSecrets(SigningConfig config, KeyCustody custody, RootKeyRepository roots) throws Throwable {
        byte[] configured = config.rootKey().filter(k -> !k.isBlank()).map(SealedSecretsProducer::decode).orElse(null);
        // Values sealed before the root key existed were sealed under the PIN pepper; values sealed before the root
        // moved into the token, under the configured root: they still open, and are sealed again when next written.
        byte[] pepper = config.pin().pepper().getBytes(StandardCharsets.UTF_8);
        if (!"pkcs11".equals(custody.backend())) {
            if (configured == null) {
                throw new IllegalStateException("kyso.signing.root-key (KYSO_SIGNING_ROOT_KEY) is required with "
                        + custody.backend() + " custody");
            }
            return new SealedSecrets(configured, pepper);
        }
        String reference = VertxContextSupport.subscribeAndAwait(
                () -> roots.findOrCreate(() -> custody.generateSecret(TOKEN_LABEL)));
        LOG.infof("signing-service's root key is the token object %s", reference);
        return new SealedSecrets(data -> custody.hmac(reference, data), configured != null ? configured : pepper);
    }

    private static byte[] decode(String value) {
        byte[] root;
        try {
            root = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("kyso.signing.root-key must be base64 (of 32 random bytes)");
        }
        if (root.length < 32) {
            throw new IllegalStateException("kyso.signing.root-key must hold at least 32 bytes");
        }
        return root;
    }

    @Produces
    @Singleton
    WebhookSignatures webhookSignatures(SealedSecrets sealed) {
        return new WebhookSignatures(sealed.key("webhook-signing.ed25519.v1").getEncoded());
    }

    @Produces
    @Singleton
    RecoveryCodes recoveryCodes(SealedSecrets sealed, SigningConfig config) {
        return new RecoveryCodes(sealed.key("recovery-code.hmac.v1").getEncoded(),
                config.recovery().sealingPublicKeyLocation(), config.recovery().sealingKeyId());
    }

    @Produces
    @Singleton
    Totp totp() {
        return new Totp();
    }
}
