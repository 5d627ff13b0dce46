package vn.kyso.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The outside judges of Kyso's signed documents, none written here: poppler's {@code pdfsig} for PAdES,
 * {@code openssl cms -verify} for CAdES, {@code xmlsec1 --verify} for XAdES, run by {@link Openssl}'s runner. A missing
 * tool fails the test: an unjudged signature is not a passed one ({@code .ci/run} installs all three).
 */
public final class Judges {

    private Judges() {
    }

    /** Exit code and the combined output. */
    public record Verdict(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** {@code pdfsig} on the file (poppler checks every signature and whether it covers the whole file). */
    public static Verdict pdfsig(Path dir, byte[] pdf) {
        return run(List.of("pdfsig", write(dir, "signed.pdf", pdf)));
    }

    /**
     * {@code openssl cms -verify} of a DER CMS against a trust anchor; {@code content} is the detached content, or
     * null for an enveloping signature; a null anchor checks the signature alone (-noverify). Any certificate purpose: the CAdES signer is a document signer, not S/MIME.
     */
    public static Verdict opensslCms(Path dir, byte[] cms, byte[] content, String anchorPem) {
        List<String> command = new ArrayList<>(List.of("openssl", "cms", "-verify", "-binary", "-inform", "DER",
                "-in", write(dir, "signature.p7s", cms), "-purpose", "any", "-out", dir.resolve("content.out")
                        .toString()));
        command.addAll(anchorPem == null ? List.of("-noverify") : List.of("-CAfile", write(dir, "anchor.pem",
                anchorPem.getBytes(StandardCharsets.UTF_8))));
        if (content != null) {
            command.addAll(List.of("-content", write(dir, "content.bin", content)));
        }
        return run(command);
    }

    /**
     * {@code xmlsec1 --verify} against a trust anchor (null: the signature alone, {@code --insecure}). {@code idAttributes} are {@code [namespace:]Element} names
     * whose {@code Id} attribute same-document references point at; {@code urlMap} maps a detached reference's URI
     * to the file holding its content (pairs: uri, bytes).
     */
    public static Verdict xmlsec1(Path dir, byte[] xml, String anchorPem, List<String> idAttributes,
            Object... urlMap) {
        List<String> command = new ArrayList<>(List.of("xmlsec1", "--verify"));
        command.addAll(anchorPem == null ? List.of("--insecure") : List.of("--trusted-pem", write(dir, "anchor.pem",
                anchorPem.getBytes(StandardCharsets.UTF_8))));
        for (String element : idAttributes) {
            command.addAll(List.of("--id-attr:Id", element));
        }
        for (int i = 0; i < urlMap.length; i += 2) {
            command.addAll(List.of("--url-map:" + urlMap[i], write(dir, "detached-" + i, (byte[]) urlMap[i + 1])));
        }
        command.add(write(dir, "signed.xml", xml));
        return run(command);
    }

    private static String write(Path dir, String name, byte[] content) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name), content).toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Verdict run(List<String> command) {
        Openssl.Result result = Openssl.exec(command);
        return new Verdict(result.exitCode(), result.output());
    }
}
