package vn.kyso.signing.config;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import vn.kyso.signing.crypto.SealedSecrets;
import vn.kyso.signing.crypto.Totp;

/** Sealing of TH v2 secrets under keys derived from the PIN pepper (one Secret, separate keys per purpose). */
@Singleton
public class SealedSecretsProducer {

    @Produces
    @Singleton
    SealedSecrets sealedSecrets(SigningConfig config) {
        return new SealedSecrets(config.pin().pepper().getBytes(StandardCharsets.UTF_8));
    }

    @Produces
    @Singleton
    Totp totp() {
        return new Totp();
    }
}
