import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Creates the local stack's secrets once, with the JDK alone: the JWT signing key pair, the sealing and VAPID keys and
 * the bootstrap operator's password. Run by ./kyso with the source launcher ({@code java DevSecrets.java <dir>}); never overwrites.
 *
 * <p>Every file appears whole or not at all (written beside, then renamed), and a key pair's public half is written
 * before its private half, whose presence is what "done" means: a start interrupted here is redone by the next one.
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
            write(keys.resolve("jwt-public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            write(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        }
        Path sealingKey = keys.resolve("notification-sealing-private.pem");
        if (!Files.exists(sealingKey)) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            var pair = generator.generateKeyPair();
            write(keys.resolve("notification-sealing-public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            write(sealingKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        }
        Path vapidKey = keys.resolve("vapid-private.pem");
        if (!Files.exists(vapidKey)) {
            // Web Push's VAPID key (RFC 8292): browsers subscribe with its public half.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            write(vapidKey, pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));
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
        for (String masterKey : new String[] {"KYSO_CA_MASTER_KEY", "KYSO_SIGNING_MASTER_KEY", "KYSO_SIGNING_ROOT_KEY",
                "KYSO_AUDIT_KEY_ACCOUNT", "KYSO_AUDIT_KEY_CA", "KYSO_AUDIT_KEY_SIGNING"}) {
            if (!current.contains(masterKey + "=")) {
                // Key custody master keys, signing-service's root key, the audit keys: base64 of 32 random bytes.
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                add.append(masterKey).append("='").append(Base64.getEncoder().encodeToString(key)).append("'\n");
            }
        }
        if (!current.contains("KYSO_SERVICE_SECRET_NOTIFICATION=")) {
            add.append("KYSO_SERVICE_SECRET_NOTIFICATION='").append(random(32)).append("'\n");
        }
        if (!current.contains("KYSO_SERVICE_SECRET_SIGNING=")) {
            add.append("KYSO_SERVICE_SECRET_SIGNING='").append(random(32)).append("'\n");
        }
        if (!current.contains("KYSO_SIGNING_PIN_PEPPER=")) {
            add.append("KYSO_SIGNING_PIN_PEPPER='").append(random(32)).append("'\n");
        }
        if (!current.contains("KYSO_SIGNING_TLS_PASSWORD=")) {
            add.append("KYSO_SIGNING_TLS_PASSWORD='").append(random(24)).append("'\n");
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
        Path partial = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(partial, content);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
