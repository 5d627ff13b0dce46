package vn.kyso.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh SoftHSM2 token for a test: the configuration file named by {@code SOFTHSM2_CONF} (the build sets it under
 * {@code target/}) is written with a private token directory, then a token is initialised with {@code softhsm2-util}.
 */
public final class SoftHsm {

    public static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    private SoftHsm() {
    }

    /** A token ready for SunPKCS11. */
    public record Token(String label, long slot, String pin) {
    }

    /** Why SoftHSM2 cannot be used here, or null when it can. */
    public static String unavailableReason() {
        if (!Files.exists(Path.of(LIBRARY))) {
            return "softhsm2 is not installed (" + LIBRARY + " missing): apt-get install -y softhsm2";
        }
        if (System.getenv("SOFTHSM2_CONF") == null) {
            return "SOFTHSM2_CONF is not set; run the tests through Maven, which sets it";
        }
        return null;
    }

    public static synchronized Token initToken(String labelPrefix) {
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
        try {
            Path conf = Path.of(System.getenv("SOFTHSM2_CONF"));
            Path tokens = conf.resolveSibling("tokens");
            Files.createDirectories(tokens);
            if (!Files.exists(conf)) {
                // Written beside and renamed: a test JVM killed mid-write must not leave a half file the next run reads.
                Path partial = Files.createTempFile(conf.getParent(), "softhsm2.", ".partial");
                Files.writeString(partial, "directories.tokendir = " + tokens.toAbsolutePath() + "\n"
                        + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
                Files.move(partial, conf, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            String label = (labelPrefix + "-" + UUID.randomUUID()).substring(0, Math.min(32, labelPrefix.length() + 9));
            String pin = "1234" + UUID.randomUUID().toString().substring(0, 8);
            Process process = new ProcessBuilder(List.of("softhsm2-util", "--init-token", "--free", "--label", label,
                    "--pin", pin, "--so-pin", pin + "so")).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("softhsm2-util failed: " + output);
            }
            Matcher slot = SLOT.matcher(output);
            if (!slot.find()) {
                throw new IllegalStateException("softhsm2-util did not name the slot: " + output);
            }
            return new Token(label, Long.parseLong(slot.group(1)), pin);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare SoftHSM2", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
