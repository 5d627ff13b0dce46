package vn.kyso.commons.crypto.custody;

import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/** Builds the configured custody once, for the services that inject one. */
@ApplicationScoped
public class KeyCustodyProducer {

    @Produces
    @Singleton
    KeyCustody custody(CustodyConfig config) {
        return switch (config.backend()) {
            case "software" -> new SoftwareKeyCustody(Base64.getDecoder().decode(config.masterKey()
                    .orElseThrow(() -> new IllegalStateException("kyso.custody.master-key is required for software custody"))));
            case "pkcs11" -> new Pkcs11KeyCustody(config.pkcs11().name(), config.pkcs11().library(),
                    config.pkcs11().slot().orElse(null), config.pkcs11().slotListIndex(),
                    config.pkcs11().pin().orElseThrow(() -> new IllegalStateException("kyso.custody.pkcs11.pin is required"))
                            .toCharArray());
            default -> throw new IllegalStateException("kyso.custody.backend must be software or pkcs11");
        };
    }
}
