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
        Path env = dir.resolve("secrets.env");
        if (!Files.exists(env)) {
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            // Meets the subscriber password rule too: upper, lower, digit and special characters.
            String password = "Op-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "9a!";
            write(env, "KYSO_OPERATOR_USERNAME=operator\nKYSO_OPERATOR_PASSWORD='" + password + "'\n");
        }
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
