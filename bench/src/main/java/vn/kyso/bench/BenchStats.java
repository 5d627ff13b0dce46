package vn.kyso.bench;

import java.security.KeyPair;
import java.security.Provider;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** What every benchmark shares: the raw in-process baseline, table rows with min/median/max and ratios, settings. */
final class BenchStats {

    private BenchStats() {
    }

    /** Signatures per second of one thread per core signing {@code message} for 3 s; provider null = the JDK's. */
    static double rawSignRate(KeyPair pair, String signatureAlgorithm, Provider provider, byte[] message)
            throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        AtomicLong signed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(pool.submit(() -> {
                Signature signature = provider == null ? Signature.getInstance(signatureAlgorithm)
                        : Signature.getInstance(signatureAlgorithm, provider);
                while (System.nanoTime() < deadline) {
                    signature.initSign(pair.getPrivate());
                    signature.update(message);
                    signature.sign();
                    signed.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return signed.get() / ((System.nanoTime() - start) / 1e9);
    }

    static String row(String name, List<Double> values, Double baseline) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double median = median(values);
        return "| " + name + " | " + fmt(sorted.get(0)) + " | " + fmt(median) + " | " + fmt(sorted.get(sorted.size() - 1))
                + " | " + (baseline == null ? "–" : String.format("%.2f", median / baseline)) + " |\n";
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    static String fmt(double v) {
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.1f", v);
    }

    /** Writes a benchmark's Markdown where bench/run.sh picks it up (the first argument, else {@code fallback}). */
    static void writeReport(String[] args, String fallback, String report) throws java.io.IOException {
        java.nio.file.Path out = java.nio.file.Path.of(args.length > 0 ? args[0] : fallback);
        java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
        java.nio.file.Files.writeString(out, report);
        System.out.println(report);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The p-th percentile (0–1) of latencies, nearest rank. */
    static long percentile(List<Long> latencies, double p) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
    }
}
