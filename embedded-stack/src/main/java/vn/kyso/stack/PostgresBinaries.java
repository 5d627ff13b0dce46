package vn.kyso.stack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * PostgreSQL's binaries unpacked once into a private folder that is renamed into place only when complete, so an
 * interrupted first start (a killed JVM, a full disk) never leaves a half-unpacked folder behind for the next one.
 *
 * <p>zonky's own unpack writes straight into its final folder and holds every file in the heap until written: a JVM
 * that dies half-way leaves a folder every later start fails on ({@code FileAlreadyExistsException}), and a small heap
 * dies. Here the archive streams through commons-compress into {@code <root>/<md5>.partial-<pid>-<random>/}; the
 * finished folder becomes {@code <root>/<md5>/} in one atomic rename and is handed to zonky as its working directory,
 * laid out as zonky expects ({@code PG-<md5>/} with its {@code .exists} marker written last), so zonky unpacks nothing.
 * Partial folders whose process is gone are deleted on the next start.
 */
public final class PostgresBinaries {

    /** The archive zonky's default resolver loads for Linux x86-64, the only platform Kyso packages. */
    static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    static final String PARTIAL = ".partial-";

    private PostgresBinaries() {
    }

    /** The folder binaries are cached in: {@code kyso.pg.binaries}, else {@code <java.io.tmpdir>/kyso-embedded-pg}. */
    public static Path defaultRoot() {
        String configured = System.getProperty("kyso.pg.binaries");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "kyso-embedded-pg");
    }

    /**
     * Makes sure the binaries are unpacked under {@code root} and returns the working directory to give zonky, or null
     * when this platform has no bundled archive (zonky then reports that itself).
     */
    public static Path prepare(Path root) {
        URL archive = PostgresBinaries.class.getResource(ARCHIVE);
        return archive == null ? null : prepare(root, archive);
    }

    static synchronized Path prepare(Path root, URL archive) {
        try {
            Files.createDirectories(root);
            removeAbandonedPartials(root);
            String md5 = md5(archive);
            Path ready = root.resolve(md5);
            if (Files.isDirectory(ready)) {
                return ready;
            }
            Path partial = root.resolve(md5 + PARTIAL + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
            try {
                Path pgDir = partial.resolve("PG-" + md5);
                Files.createDirectories(pgDir);
                unpack(archive, pgDir);
                // zonky takes the folder as ready when this marker exists and is at least as new as everything in it.
                Files.createFile(pgDir.resolve(".exists"));
                try {
                    Files.move(partial, ready, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    // Another process finished first (Linux's rename says ENOTEMPTY, which Java reports as a plain
                    // FileSystemException): its folder is as good as ours. Anything else is a real failure.
                    if (!Files.isDirectory(ready)) {
                        throw raced;
                    }
                    deleteTree(partial);
                }
            } catch (IOException | RuntimeException e) {
                deleteTree(partial);
                throw e;
            }
            return ready;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the PostgreSQL binaries under " + root, e);
        }
    }

    /** Unpacks the archive as a stream, file by file, keeping each entry's permissions and links. */
    static void unpack(URL archive, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (InputStream raw = new BufferedInputStream(archive.openStream());
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = root.resolve(entry.getName()).normalize();
                if (!path.startsWith(root)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, root.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        set.add(PosixFilePermission.OWNER_READ);
        set.add(PosixFilePermission.OWNER_WRITE);
        return set;
    }

    /** Partial folders of processes that no longer run: what an interrupted unpack leaves. */
    static void removeAbandonedPartials(Path root) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, "*" + PARTIAL + "*")) {
            for (Path partial : entries) {
                String rest = partial.getFileName().toString();
                rest = rest.substring(rest.indexOf(PARTIAL) + PARTIAL.length());
                long pid;
                try {
                    pid = Long.parseLong(rest.substring(0, rest.indexOf('-')));
                } catch (RuntimeException notOurs) {
                    continue;
                }
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive || pid == ProcessHandle.current().pid()) {
                    deleteTree(partial);
                }
            }
        }
    }

    private static String md5(URL archive) throws IOException {
        try (InputStream in = new DigestInputStream(archive.openStream(), MessageDigest.getInstance("MD5"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
