package vn.kyso.signing.config;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import vn.kyso.signing.crypto.PinKeys;

/** PIN derivation with the configured pepper and Argon2id cost. */
@Singleton
public class PinKeysProducer {

    @Produces
    @Singleton
    PinKeys pinKeys(SigningConfig config) {
        if (config.pin().pepper().length() < 16) {
            throw new IllegalStateException("kyso.signing.pin.pepper must be at least 16 characters");
        }
        return new PinKeys(config.pin().pepper().getBytes(StandardCharsets.UTF_8), config.pin().argon2MemoryKb(),
                config.pin().argon2Iterations());
    }
}
