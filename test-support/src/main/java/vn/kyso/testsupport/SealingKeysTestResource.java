package vn.kyso.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A notification-service sealing key pair made for the test JVM: the public half configured for the sealers
 * (activation-service, signing-service), the private half for the opener (notification-service) and, under {@code kyso.test.sealing.private-key-location}, for
 * tests that check what was sealed.
 */
public class SealingKeysTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String KEY_ID = "test-sealing";

    // One pair per JVM, not per application (JvmWide): an RSA-3072 key generation costs seconds of a test JVM's CPU.
    private static Map<String, String> config;

    @Override
    public Map<String, String> start() {
        return JvmWide.call(SealingKeysTestResource.class, "config");
    }

    private static synchronized Map<String, String> config() {
        if (config != null) {
            return config;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createTempDirectory("kyso-sealing-");
            Path privateKey = JwtKeysTestResource.write(dir.resolve("sealing-private.pem"), "PRIVATE KEY",
                    pair.getPrivate().getEncoded());
            Path publicKey = JwtKeysTestResource.write(dir.resolve("sealing-public.pem"), "PUBLIC KEY",
                    pair.getPublic().getEncoded());
            config = Map.of(
                    "kyso.activation.sealing.public-key-location", publicKey.toUri().toString(),
                    "kyso.activation.sealing.key-id", KEY_ID,
                    "kyso.signing.recovery.sealing-public-key-location", publicKey.toUri().toString(),
                    "kyso.signing.recovery.sealing-key-id", KEY_ID,
                    "kyso.notification.sealing.private-key-location", privateKey.toUri().toString(),
                    "kyso.test.sealing.private-key-location", privateKey.toUri().toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // Temporary files only.
    }
}
