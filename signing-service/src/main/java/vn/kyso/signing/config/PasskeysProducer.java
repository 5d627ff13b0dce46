package vn.kyso.signing.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import vn.kyso.signing.crypto.Passkeys;

/** Passkey verification for the configured relying party (the portal). */
@Singleton
public class PasskeysProducer {

    @Produces
    @Singleton
    Passkeys passkeys(SigningConfig config) {
        return new Passkeys(config.webauthn().rpId(), config.webauthn().origins());
    }
}
