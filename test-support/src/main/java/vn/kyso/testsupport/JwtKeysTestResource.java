package vn.kyso.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An RSA key pair made for the test JVM, for issuing and verifying JWTs in tests, so no private key is ever committed.
 */
public class JwtKeysTestResource implements QuarkusTestResourceLifecycleManager {

    // One pair per JVM, not per application (JvmWide): an RSA key generation costs up to a second of a test JVM's CPU
    // before C2 has compiled BigInteger's arithmetic.
    private static Map<String, String> config;

    @Override
    public Map<String, String> start() {
        return JvmWide.call(JwtKeysTestResource.class, "config");
    }

    private static synchronized Map<String, String> config() {
        if (config != null) {
            return config;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createTempDirectory("kyso-jwt-");
            Path privateKey = write(dir.resolve("jwt-private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
            Path publicKey = write(dir.resolve("jwt-public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
            config = Map.of(
                    "smallrye.jwt.sign.key.location", privateKey.toUri().toString(),
                    "mp.jwt.verify.publickey.location", publicKey.toUri().toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path file, String label, byte[] der) throws IOException {
        String pem = "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
        return Files.writeString(file, pem);
    }

    @Override
    public void stop() {
        // Temporary files only.
    }
}
