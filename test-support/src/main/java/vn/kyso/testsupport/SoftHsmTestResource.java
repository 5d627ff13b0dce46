package vn.kyso.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Switches a service's key custody to PKCS#11 on a fresh SoftHSM2 token of its own. */
public class SoftHsmTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        SoftHsm.Token token = SoftHsm.initToken("kyso");
        return Map.of(
                "kyso.custody.backend", "pkcs11",
                "kyso.custody.pkcs11.library", SoftHsm.LIBRARY,
                "kyso.custody.pkcs11.slot", Long.toString(token.slot()),
                "kyso.custody.pkcs11.pin", token.pin());
    }

    /**
     * For {@code @DisabledIf}: true when SoftHSM2 is missing on a developer's machine. CI sets
     * {@code KYSO_REQUIRE_SOFTHSM=1} after installing it, so there the PKCS#11 tests always run and a missing token
     * fails them instead of skipping them.
     */
    public static boolean unavailable() {
        return SoftHsm.unavailableReason() != null && !"1".equals(System.getenv("KYSO_REQUIRE_SOFTHSM"));
    }

    @Override
    public void stop() {
    }
}
