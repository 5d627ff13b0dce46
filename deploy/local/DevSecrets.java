import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Creates the local stack's secrets once, with the JDK alone: the JWT signing key pair and the bootstrap operator's
 * password. Run by ./kyso with the source launcher ({@code java DevSecrets.java <dir>}); never overwrites.
 */
public class DevSecrets {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path privateKey = keys.resolve("jwt-private.pem");
        if (!Files.exists(privateKey)) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            write(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            write(keys.resolve("jwt-public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        Path sealingKey = keys.resolve("notification-sealing-private.pem");
        if (!Files.exists(sealingKey)) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            var pair = generator.generateKeyPair();
            write(sealingKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            write(keys.resolve("notification-sealing-public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        Path env = dir.resolve("secrets.env");
        String current = Files.exists(env) ? Files.readString(env) : "";
        StringBuilder add = new StringBuilder();
        if (!current.contains("KYSO_OPERATOR_PASSWORD=")) {
            // Meets the subscriber password rule too: upper, lower, digit and special characters.
            add.append("KYSO_OPERATOR_USERNAME=operator\nKYSO_OPERATOR_PASSWORD='Op-").append(random(12)).append("9a!'\n");
        }
        if (!current.contains("KYSO_ACTIVATION_CODE_PEPPER=")) {
            add.append("KYSO_ACTIVATION_CODE_PEPPER='").append(random(32)).append("'\n");
        }
        if (!current.contains("KYSO_SERVICE_SECRET_ACTIVATION=")) {
            add.append("KYSO_SERVICE_SECRET_ACTIVATION='").append(random(32)).append("'\n");
        }
        for (String masterKey : new String[] {"KYSO_CA_MASTER_KEY", "KYSO_SIGNING_MASTER_KEY"}) {
            if (!current.contains(masterKey + "=")) {
                // Key custody master keys: base64 of 32 random bytes.
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                add.append(masterKey).append("='").append(Base64.getEncoder().encodeToString(key)).append("'\n");
            }
        }
        if (!current.contains("KYSO_SERVICE_SECRET_NOTIFICATION=")) {
            add.append("KYSO_SERVICE_SECRET_NOTIFICATION='").append(random(32)).append("'\n");
        }
        if (!current.contains("KYSO_SIGNING_PIN_PEPPER=")) {
            add.append("KYSO_SIGNING_PIN_PEPPER='").append(random(32)).append("'\n");
        }
        if (!current.contains("KYSO_PORTAL_SESSION_SECRET=")) {
            add.append("KYSO_PORTAL_SESSION_SECRET='").append(random(48)).append("'\n");
        }
        if (add.length() > 0) {
            write(env, current + add);
        }
    }

    private static String random(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
