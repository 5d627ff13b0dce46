package vn.kyso.commons.crypto.custody;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which key custody a service uses and how to reach it. */
@ConfigMapping(prefix = "kyso.custody")
public interface CustodyConfig {

    /** {@code software} (keys wrapped under the master key) or {@code pkcs11} (keys inside a token/HSM). */
    @WithDefault("software")
    String backend();

    /** Software backend: base64 of 32 random bytes; a Kubernetes Secret in production. */
    Optional<String> masterKey();

    /** PKCS#11 backend settings. */
    Pkcs11 pkcs11();

    /** How to reach the PKCS#11 token. */
    interface Pkcs11 {

        /** The provider instance name. */
        @WithDefault("kyso")
        String name();

        /** Path of the PKCS#11 module. */
        @WithDefault("/usr/lib/softhsm/libsofthsm2.so")
        String library();

        /** The token's slot id; when absent, {@link #slotListIndex()} picks the slot. */
        Optional<Long> slot();

        /** Index into the module's slot list, used when no slot id is given. */
        @WithDefault("0")
        int slotListIndex();

        /** The token's user PIN. */
        Optional<String> pin();
    }
}
