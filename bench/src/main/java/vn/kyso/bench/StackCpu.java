package vn.kyso.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time used by each process of a {@code ./kyso} stack (named by its pid file, children included; PostgreSQL's
 * server and backends under {@code postgres}), read from Linux's {@code /proc}; empty where there is no {@code /proc}
 * or no pid files.
 */
final class StackCpu {

    /** Linux reports process times in clock ticks of 1/100 s on every architecture Kyso runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private StackCpu() {
    }

    /** Seconds of CPU (user + system) per stack process so far, from the pid files of a {@code ./kyso} home. */
    static Map<String, Double> read(Path home) {
        Path pids = home.resolve("pids");
        Map<String, Double> seconds = new TreeMap<>();
        if (!Files.isDirectory(pids) || !Files.isDirectory(Path.of("/proc"))) {
            return seconds;
        }
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                String[] fields = stat(proc);
                if (fields != null) {
                    long pid = Long.parseLong(proc.getFileName().toString());
                    children.computeIfAbsent(Long.parseLong(fields[1]), k -> new ArrayList<>()).add(pid);
                    ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                }
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(pids, "*.pid")) {
                for (Path file : files) {
                    long root = Long.parseLong(Files.readString(file).trim());
                    String name = file.getFileName().toString().replace(".pid", "");
                    long sum = tree(root, children, ticks);
                    Path postmaster = home.resolve("postgres/postmaster.pid");
                    if (name.equals("postgres") && Files.isRegularFile(postmaster)) {
                        // PostgreSQL detaches from the launcher that started it: its server and backends are counted
                        // from the pid the server writes.
                        sum += tree(Long.parseLong(Files.readAllLines(postmaster).get(0).trim()), children, ticks);
                    }
                    seconds.put(name, sum / TICKS_PER_SECOND);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Map.of();
        }
        return seconds;
    }

    private static long tree(long pid, Map<Long, List<Long>> children, Map<Long, Long> ticks) {
        long sum = ticks.getOrDefault(pid, 0L);
        for (long child : children.getOrDefault(pid, List.of())) {
            sum += tree(child, children, ticks);
        }
        return sum;
    }

    /** The fields after the command name (state first), or null for a process that is gone. */
    private static String[] stat(Path proc) {
        try {
            String line = Files.readString(proc.resolve("stat"));
            // The command name is in parentheses and may itself hold spaces or parentheses.
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Per process, the CPU seconds used between two readings divided by {@code units}. */
    static Map<String, Double> perUnit(Map<String, Double> before, Map<String, Double> after, int units) {
        Map<String, Double> per = new TreeMap<>();
        after.forEach((name, s) -> per.put(name, (s - before.getOrDefault(name, 0.0)) / units));
        return per;
    }
}
