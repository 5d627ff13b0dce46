package vn.kyso.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code openssl} command line, the outside judge of what Kyso's CA produces. */
public final class Openssl {

    private Openssl() {
    }

    /** Exit code and the combined output. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        return exec(command);
    }

    /** Any command line, its output read to the end; a tool that is not installed fails with its name. */
    static Result exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " timed out: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (is it installed? .ci/run installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes bytes (or text) to a new file in a temporary directory and returns its path as a string. */
    public static String file(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content).toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String file(Path dir, String name, String content) {
        return file(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }
}
