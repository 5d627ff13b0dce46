package vn.kyso.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A fresh VAPID key for notification-service, and loopback push endpoints allowed (a {@link TestPushService}). */
public class VapidKeyTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            Path file = JwtKeysTestResource.write(Files.createTempDirectory("kyso-vapid-").resolve("vapid.pem"),
                    "PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
            return Map.of("kyso.notification.push.vapid-private-key-location", file.toUri().toString(),
                    "kyso.notification.push.allow-loopback", "true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // Temporary files only.
    }
}
