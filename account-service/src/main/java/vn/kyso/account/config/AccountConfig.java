package vn.kyso.account.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of account-service. */
@ConfigMapping(prefix = "kyso.account")
public interface AccountConfig {

    /** The operator bootstrapped at start-up. */
    OperatorConfig operator();

    /** Tokens issued by {@code POST /api/v1/auth/token}. */
    JwtConfig jwt();

    /** How guessing passwords is slowed down. */
    LockoutConfig lockout();

    /** Services allowed to call the internal API, by client id. */
    Map<String, ServiceClient> serviceClients();

    /**
     * Whether an integrator's webhook URL may point at loopback (never at any other private range): the local stack
     * turns it on ({@code KYSO_WEBHOOKS_ALLOW_LOOPBACK}); never a cluster.
     */
    @WithDefault("false")
    boolean webhooksAllowLoopback();

    /** One internal API client. */
    interface ServiceClient {

        /** Its secret (from a Secret); absent or empty disables the client. */
        Optional<String> secret();

        /** The services its tokens are for (their names, e.g. {@code signing-service}); others refuse them. */
        List<String> audiences();

        /** What its tokens allow (see {@code ServiceScopes}): only what the client's job needs. */
        List<String> scopes();
    }

    /**
     * Back-off per source and login name after wrong passwords (SmartCA's 5 tries, then a wait) — never a lock of the
     * account, so a guesser cannot lock its owner out.
     */
    interface LockoutConfig {

        /** Wrong passwords in a row for one name after which the source must wait. */
        @WithDefault("5")
        int maxFailures();

        /** The first wait; each further wrong password doubles it. */
        @WithDefault("30s")
        Duration duration();

        /** The longest wait. */
        @WithDefault("15m")
        Duration maxDuration();
    }

    /** The bootstrap operator account. */
    interface OperatorConfig {

        /** Login name of the bootstrap operator. */
        @WithDefault("operator")
        String username();

        /** Its password (from a Secret); when absent no operator is bootstrapped. Stored only as a hash. */
        Optional<String> password();
    }

    /** JWT issuing. */
    interface JwtConfig {

        /** The {@code iss} claim; verifiers must expect the same value. */
        String issuer();

        /** How long an access token is valid. */
        @WithDefault("15m")
        Duration lifetime();

        /** How long a subscriber's refresh token is valid (each use rotates it). */
        @WithDefault("7d")
        Duration refreshLifetime();
    }
}
