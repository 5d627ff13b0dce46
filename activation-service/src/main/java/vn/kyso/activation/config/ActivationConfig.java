package vn.kyso.activation.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of activation-service. */
@ConfigMapping(prefix = "kyso.activation")
public interface ActivationConfig {

    /** How long an activation code works after it is issued. */
    @WithDefault("72h")
    Duration codeValidity();

    /** Wrong codes in a row that lock the activation until a resend. */
    @WithDefault("5")
    int maxCodeAttempts();

    /**
     * Wrong codes allowed over an activation's whole life, resends included: past it only an operator's new code
     * unlocks (the subscriber calls the help desk). Bounds an attacker's guesses at 15 in a million per identifier.
     */
    @WithDefault("15")
    int maxTotalCodeAttempts();

    /** Code resends allowed per account per hour. */
    @WithDefault("3")
    int maxResendsPerHour();

    /** activation-service's client credentials at account-service. */
    AccountClient accountClient();

    /** Client credentials for account-service's internal API. */
    interface AccountClient {

        /** Client id registered at account-service. */
        @WithDefault("activation-service")
        String id();

        /** Its secret (a Secret shared with account-service); without it step 1 cannot complete. */
        Optional<String> secret();
    }

    /** Secret key of the codes' keyed hash (from a Secret; at least 32 characters). */
    String codePepper();

    /** Sealing of codes for notification-service. */
    Sealing sealing();

    /** notification-service's public sealing key. */
    interface Sealing {

        /** PEM file (path or {@code file:} URL) of notification-service's RSA public key. */
        String publicKeyLocation();

        /** Identifier of that key, carried in every sealed value so keys can rotate. */
        String keyId();
    }
}
