package vn.kyso.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A first start whose unpack is killed half-way leaves nothing the next start trips over. */
class PostgresBinariesTest {

    static final String HALF_WAY = "half-way";
    /** Bytes of the compressed archive the child unpacks before it stops and says so: well inside the ~14 MB. */
    static final long STOP_AFTER = 4L * 1024 * 1024;

    @Test
    void anUnpackKilledHalfWayIsRedoneByTheNextStart(@TempDir Path temp) throws Exception {
        Path root = temp.resolve("binaries");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowUnpack.class.getName(), root.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(HALF_WAY)) {
                // the child's other output, if any
            }
            assertEquals(HALF_WAY, line, "the child unpacked until its stop");
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup, as a killed first start
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        List<Path> left = list(root);
        assertEquals(1, left.size(), left.toString());
        assertTrue(left.get(0).getFileName().toString().contains(PostgresBinaries.PARTIAL), left.toString());
        assertTrue(count(left.get(0)) > 10, "the killed unpack had written files");

        Path ready = PostgresBinaries.prepare(root);

        assertEquals(List.of(ready), list(root), "the partial folder of the dead process is gone");
        Path pgDir;
        try (Stream<Path> dirs = Files.list(ready)) {
            pgDir = dirs.findFirst().orElseThrow();
        }
        assertTrue(Files.exists(pgDir.resolve(".exists")));
        assertTrue(Files.isExecutable(pgDir.resolve("bin/postgres")));
        try (EmbeddedPostgres server = EmbeddedPostgres.start(0, temp.resolve("data"), false, root);
                Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                        + "/postgres", EmbeddedPostgres.USER, "");
                ResultSet rs = c.createStatement().executeQuery("select version()")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("PostgreSQL"), rs.getString(1));
        }
        assertFalse(Files.exists(pgDir.resolve("epg-lock")), "zonky used the prepared folder instead of unpacking");
        assertEquals(List.of(ready), list(root));
    }

    @Test
    void aSecondPrepareReusesTheFinishedFolder(@TempDir Path temp) {
        Path root = temp.resolve("binaries");
        Path first = PostgresBinaries.prepare(root);
        Path marker = first.resolve("marker");
        assertTrue(marker.toFile().mkdir());
        assertEquals(first, PostgresBinaries.prepare(root));
        assertTrue(Files.isDirectory(marker), "not unpacked again");
    }

    /**
     * Two test JVMs (Maven builds modules side by side) unpack at once; the one that renames second meets a full
     * folder, which Linux reports as ENOTEMPTY and Java as a plain FileSystemException: it must take the winner's.
     */
    @Test
    void anUnpackThatLosesTheRaceUsesTheWinnersFolder(@TempDir Path temp) throws Exception {
        Path root = temp.resolve("binaries");
        // During the unpack (the archive's second read; the first is the digest) another process finishes.
        URL racing = archiveWithUnpack(in -> new FilterInputStream(in) {
            private boolean done;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!done) {
                    done = true;
                    String partial = list(root).get(0).getFileName().toString();
                    Path winner = root.resolve(partial.substring(0, partial.indexOf(PostgresBinaries.PARTIAL)));
                    Files.createDirectories(winner.resolve("PG-winner"));
                }
                return super.read(b, off, len);
            }
        });

        Path ready = PostgresBinaries.prepare(root, racing);

        assertTrue(Files.isDirectory(ready.resolve("PG-winner")), "the winner's folder is the one used");
        assertEquals(List.of(ready), list(root), "the loser's partial folder is gone");
    }

    @Test
    void aPartialFolderOfALiveProcessIsLeftAlone(@TempDir Path temp) throws IOException {
        Path live = Files.createDirectories(temp.resolve("abc" + PostgresBinaries.PARTIAL + ProcessHandle.current()
                .parent().orElseThrow().pid() + "-x"));
        Path dead = Files.createDirectories(temp.resolve("abc" + PostgresBinaries.PARTIAL + Long.MAX_VALUE + "-x"));
        PostgresBinaries.removeAbandonedPartials(temp);
        assertTrue(Files.exists(live));
        assertFalse(Files.exists(dead));
    }

    /** The bundled archive, its second opening (the unpack's) read through {@code unpack}. */
    static URL archiveWithUnpack(java.util.function.UnaryOperator<InputStream> unpack) throws IOException {
        URL real = PostgresBinaries.class.getResource(PostgresBinaries.ARCHIVE);
        AtomicInteger opens = new AtomicInteger();
        return new URL(null, "kyso-test:archive", new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                return new URLConnection(u) {
                    @Override
                    public void connect() {
                    }

                    @Override
                    public InputStream getInputStream() throws IOException {
                        InputStream in = real.openStream();
                        return opens.incrementAndGet() == 1 ? in : unpack.apply(in);
                    }
                };
            }
        });
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.count();
        }
    }

    /** The child process: unpacks through an archive stream that stops for good after {@link #STOP_AFTER} bytes. */
    public static final class SlowUnpack {

        public static void main(String[] args) throws Exception {
            // The unpack (the archive's second read; the first is the digest) stalls half-way.
            URL stalling = archiveWithUnpack(Stalling::new);
            PostgresBinaries.prepare(Path.of(args[0]), stalling);
            System.out.println("finished (the stall did not happen)");
        }
    }

    static final class Stalling extends FilterInputStream {
        private long read;

        Stalling(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            stallIfDue();
            int b = super.read();
            read++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            stallIfDue();
            int n = super.read(b, off, (int) Math.min(len, Math.max(1, STOP_AFTER - read)));
            read += Math.max(n, 0);
            return n;
        }

        private void stallIfDue() {
            if (read >= STOP_AFTER) {
                System.out.println(HALF_WAY);
                System.out.flush();
                try {
                    new java.util.concurrent.CountDownLatch(1).await(); // stalls for good: the test kills this JVM
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
