package vn.kyso.notification.service;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import vn.kyso.commons.crypto.Pem;
import vn.kyso.commons.crypto.SecretSealing;
import vn.kyso.events.SealedSecret;
import vn.kyso.events.notification.ActivationEmailRequested;
import vn.kyso.events.notification.RecoveryCodeEmailRequested;
import vn.kyso.notification.config.NotificationConfig;

/** Opens secrets sealed to notification-service, only at the moment a mail is rendered. */
@ApplicationScoped
public class SecretOpener {

    private final NotificationConfig config;
    private volatile PrivateKey key;

    public SecretOpener(NotificationConfig config) {
        this.config = config;
    }

    /** The activation code in clear; throws {@link SecretSealing.SealingException} when it is not authentic. */
    public String activationCode(SealedSecret sealed, UUID activationId) {
        String code = new String(SecretSealing.open(sealed, ActivationEmailRequested.codeContext(activationId), key()),
                StandardCharsets.US_ASCII);
        if (!code.matches("\\d{6}")) {
            throw new SecretSealing.SealingException("sealed value is not an activation code");
        }
        return code;
    }

    /** A lost-device recovery code in clear; throws {@link SecretSealing.SealingException} when not authentic. */
    public String recoveryCode(SealedSecret sealed, UUID recoveryId) {
        String code = new String(SecretSealing.open(sealed, RecoveryCodeEmailRequested.codeContext(recoveryId), key()),
                StandardCharsets.US_ASCII);
        if (!code.matches("\\d{10}")) {
            throw new SecretSealing.SealingException("sealed value is not a recovery code");
        }
        return code;
    }

    private PrivateKey key() {
        PrivateKey k = key;
        if (k == null) {
            k = Pem.rsaPrivateKey(config.sealing().privateKeyLocation());
            key = k;
        }
        return k;
    }
}
