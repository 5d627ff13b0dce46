package vn.kyso.account.config;

import java.time.Duration;
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
    }
}
