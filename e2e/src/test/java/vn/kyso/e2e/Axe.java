package vn.kyso.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;

import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core, the accessibility checker, from the npm registry (pinned version and integrity), run in the page the
 * browser suite is on: the serious and critical violations it finds, as text, empty when there are none.
 */
final class Axe {

    static final String VERSION = "4.14.1";
    /** The registry's {@code dist.integrity} of axe-core-4.14.1.tgz: a changed tarball is refused. */
    private static final String INTEGRITY =
            "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==";
    private static final Path DIR = Path.of("target/axe");
    private static String source;

    private Axe() {
    }

    /** Serious and critical violations on the page as it is now, one line each (rule, impact, first elements). */
    static String seriousViolations(JavascriptExecutor page) throws Exception {
        page.executeScript(script());
        Object found = page.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations"
                + " .filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + " .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' '))"
                + " .join(', ')).join('\\n'))).catch(e => done('axe failed: ' + e));");
        return String.valueOf(found);
    }

    private static synchronized String script() throws IOException, InterruptedException {
        if (source != null) {
            return source;
        }
        Path js = DIR.resolve("axe-" + VERSION + ".min.js");
        if (!Files.exists(js)) {
            Files.createDirectories(DIR);
            String registry = System.getenv().getOrDefault("npm_config_registry", "https://registry.npmjs.org/");
            URI tarball = URI.create((registry.endsWith("/") ? registry : registry + "/") + "axe-core/-/axe-core-"
                    + VERSION + ".tgz");
            byte[] tgz = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(20)).build()
                    .send(HttpRequest.newBuilder(tarball).timeout(Duration.ofSeconds(120)).build(),
                            HttpResponse.BodyHandlers.ofByteArray()).body();
            try {
                String integrity = "sha512-" + Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA-512").digest(tgz));
                if (!INTEGRITY.equals(integrity)) {
                    throw new IllegalStateException(tarball + " does not match its pinned integrity: " + integrity);
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            Path archive = Files.write(DIR.resolve("axe-core-" + VERSION + ".tgz"), tgz);
            Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", DIR.toString(),
                    "package/axe.min.js").redirectErrorStream(true).start();
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar: " + new String(tar.getInputStream().readAllBytes()));
            }
            Files.move(DIR.resolve("package/axe.min.js"), js, StandardCopyOption.REPLACE_EXISTING);
        }
        source = Files.readString(js);
        return source;
    }
}
