package vn.kyso.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns JMH's JSON result into the BENCHMARKS.md table: min/median/max over forks and ratios to the raw rate. */
public final class JmhReport {

    private JmhReport() {
    }

    /** A JMH result: one value per fork (the mean of its measured iterations). */
    record Result(List<Double> forks) {
        double median() {
            List<Double> sorted = new ArrayList<>(forks);
            sorted.sort(null);
            int mid = sorted.size() / 2;
            return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
        }
    }

    /** Arguments: the JMH JSON file, the Markdown file to write. */
    public static void main(String[] args) throws Exception {
        JsonNode root = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Map<String, Result> results = new LinkedHashMap<>();
        String jvm = "";
        int threads = 0;
        int forks = 0;
        for (JsonNode run : root) {
            String name = run.path("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            StringBuilder key = new StringBuilder(name);
            // JMH writes parameters in name order: custody before key.
            run.path("params").fields().forEachRemaining(p -> key.append(' ').append(p.getValue().asText()));
            List<Double> perFork = new ArrayList<>();
            for (JsonNode fork : run.path("primaryMetric").path("rawData")) {
                double sum = 0;
                for (JsonNode iteration : fork) {
                    sum += iteration.asDouble();
                }
                perFork.add(sum / fork.size());
            }
            results.put(key.toString(), new Result(perFork));
            jvm = run.path("vmName").asText() + " " + run.path("jdkVersion").asText();
            threads = run.path("threads").asInt();
            forks = perFork.size();
        }
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(jvm)
                .append("; JMH 1.37, throughput with ").append(threads).append(" threads, ").append(forks)
                .append(" forks (min/median/max are over forks, each the mean of its measured iterations). ")
                .append("The input is a SHA-256 digest, as CSC signHash hands it over: NONEwithRSA over its DigestInfo, ")
                .append("NONEwithECDSA over the digest. Nothing else runs during the measurement.\n\n");
        out.append("| measure | min | median | max | ratio to baseline (median) |\n|---|---|---|---|---|\n");
        for (String key : List.of("RSA-2048", "EC-P256")) {
            String provider = key.startsWith("RSA") ? "the JDK" : "BouncyCastle";
            Result software = results.get("SignBaseline.raw software " + key);
            row(out, "baseline: raw " + key + " signs/s, " + provider + " (software custody's provider)", software,
                    null);
            row(out, key + ", software custody: open (AES-GCM unwrap) + sign, per s",
                    results.get("SignBaseline.custodyOpenAndSign software " + key), software);
            row(out, key + ", software custody: sign with the opened key, per s",
                    results.get("SignBaseline.custodySignOpened software " + key), software);
            Result token = results.get("SignBaseline.raw pkcs11 " + key);
            row(out, "baseline: raw " + key + " signs/s, SoftHSM2 via SunPKCS11 (ratio: to the software baseline)",
                    token, software);
            row(out, key + ", PKCS#11 custody: open + sign, per s",
                    results.get("SignBaseline.custodyOpenAndSign pkcs11 " + key), token);
            row(out, key + ", PKCS#11 custody: sign with the opened key, per s",
                    results.get("SignBaseline.custodySignOpened pkcs11 " + key), token);
        }
        row(out, "certificate build + sign + encode/s, EC P-256 issuing key, BouncyCastle (ratio: to raw EC P-256 signs)",
                results.get("CertificateBaseline.buildAndSign EC-P256"), results.get("SignBaseline.raw software EC-P256"));
        row(out, "certificate build + sign + encode/s, RSA-2048 issuing key, JDK (ratio: to raw RSA-2048 signs)",
                results.get("CertificateBaseline.buildAndSign RSA-2048"),
                results.get("SignBaseline.raw software RSA-2048"));
        Files.writeString(Path.of(args[1]), out.toString());
    }

    private static void row(StringBuilder out, String name, Result result, Result baseline) {
        if (result == null) {
            out.append("| ").append(name).append(" | not run | | | |\n");
            return;
        }
        List<Double> sorted = new ArrayList<>(result.forks());
        sorted.sort(null);
        out.append("| ").append(name).append(" | ").append(fmt(sorted.get(0))).append(" | ").append(fmt(result.median()))
                .append(" | ").append(fmt(sorted.get(sorted.size() - 1))).append(" | ")
                .append(baseline == null ? "–" : String.format("%.2f", result.median() / baseline.median()))
                .append(" |\n");
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.1f", v);
    }
}
