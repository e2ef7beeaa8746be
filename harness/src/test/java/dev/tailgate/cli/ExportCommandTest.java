package dev.tailgate.cli;

import static dev.tailgate.cli.ExportRuns.all;
import static dev.tailgate.cli.ExportRuns.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.cli.ExportRuns.Series;
import dev.tailgate.io.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tailgate export} on real JMH output: the numbers it publishes are the ones the gate
 * judges and JMH measured, the run it picks by default is the newest complete one, and a run
 * that is not a real, complete measurement is refused or, when allowed, marked.
 */
class ExportCommandTest {
    private static final String JEDIS = "dev.tailgate.bench.redis.JedisGetBenchmark.get";
    private static final String TCP = "dev.tailgate.bench.net.TcpPingPongBenchmark.roundTrip";

    @TempDir
    Path tmp;

    private Path results() throws IOException {
        return Files.createDirectories(tmp.resolve("results"));
    }

    static CliRun export(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "export";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }

    private static CliRun gate(Path run, Path thresholds) {
        return CliRun.of("gate", run.toString(), "--thresholds", thresholds.toString(), "--today", "2026-11-25",
                "--no-ledger");
    }

    @Test
    void sampleRunPublishesTheGatesEstimatesAndItsVerdicts() throws IOException {
        Path run = ExportRuns.captured(results(), "r1", "sample", "COMPLETE", "");
        CliRun g = gate(run, ExportRuns.RESOURCES.resolve("golden/captured-sample/thresholds.yaml"));
        assertEquals(ExitCode.GATE_FAILED, g.code(), g.toString());
        CliRun r = export(run.toString());
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertTrue(r.out().endsWith("\n# EOF\n"), r.out());
        List<Series> s = ExportRuns.parse(r.out());
        JsonNode verdict = JsonFiles.json().readTree(run.resolve("verdict.json").toFile());
        int matched = 0;
        for (JsonNode c : verdict.get("checks")) {
            String benchmark = c.get("benchmark").asText();
            String statistic = c.get("statistic").asText();
            Series outcome = one(s, "tailgate_gate_outcome", "benchmark", benchmark, "rule", c.get("rule").asText(),
                    "statistic", statistic);
            assertEquals(c.get("outcome").asText(), outcome.label("verdict"));
            List<Series> latency = all(s, "tailgate_latency_seconds", "benchmark", benchmark, "statistic", statistic);
            if (!latency.isEmpty() && c.get("observed").isNumber()) {
                // verdict.json rounds to 6 significant digits, in the limit's unit
                double seconds = c.get("observed").asDouble() * unitSeconds(c.get("unit").asText());
                assertEquals(seconds, latency.get(0).value(), seconds * 1e-5, benchmark + " " + statistic);
                matched++;
            }
        }
        assertTrue(matched >= 5, "the gate's p50, p99, mean and max against the export: " + matched);
        assertEquals(verdict.get("checks").size(), all(s, "tailgate_gate_outcome").size());
        assertEquals(verdict.get("passed").asBoolean() ? 1 : 0, one(s, "tailgate_gate_passed").value());
        assertEquals(verdict.get("decision").asText(), one(s, "tailgate_gate_passed").label("decision"));
    }

    @Test
    void samplesAndMeanAreJmhsOwnAndThinTailsAreLeftOut() throws IOException {
        Path run = ExportRuns.captured(results(), "r1", "sample", "COMPLETE", "");
        List<Series> s = ExportRuns.parse(export(run.toString()).out());
        for (JsonNode result : JsonFiles.json().readTree(run.resolve("jmh.json").toFile())) {
            String benchmark = result.get("benchmark").asText();
            long n = 0;
            for (JsonNode fork : result.at("/primaryMetric/rawDataHistogram")) {
                for (JsonNode iteration : fork) {
                    for (JsonNode pair : iteration) {
                        n += pair.get(1).asLong();
                    }
                }
            }
            assertEquals(n, one(s, "tailgate_samples", "benchmark", benchmark).value(), benchmark);
            double jmhMean = result.at("/primaryMetric/score").asDouble() * 1e-9;
            assertEquals(jmhMean, one(s, "tailgate_latency_seconds", "benchmark", benchmark, "statistic", "mean").value(),
                    jmhMean * 1e-9, benchmark);
        }
        // 11,857 Jedis samples hold a p99 (needs 10,000), not a p99.9; 888 TCP samples not even a p90
        assertEquals(List.of("mean", "p50", "p90", "p99", "max"), statistics(s, JEDIS));
        assertEquals(List.of("mean", "p50", "max"), statistics(s, TCP));
        assertEquals("valueBytes=16", one(s, "tailgate_samples", "benchmark", JEDIS).label("params"));
        assertEquals("sample", one(s, "tailgate_samples", "benchmark", JEDIS).label("mode"));
    }

    private static List<String> statistics(List<Series> s, String benchmark) {
        return all(s, "tailgate_latency_seconds", "benchmark", benchmark).stream().map(x -> x.label("statistic")).toList();
    }

    @Test
    void runInfoAndTimestampComeFromTheManifest() throws IOException {
        Path run = ExportRuns.captured(results(), "2026-11-25-smoke-ab12", "sample", "COMPLETE",
                ",\"suiteGitSha\":\"6b7544d\"");
        List<Series> s = ExportRuns.parse(export(run.toString()).out());
        Series info = one(s, "tailgate_run_info");
        assertEquals(1, info.value());
        assertEquals(Map.of("run_id", "2026-11-25-smoke-ab12", "suite", "smoke", "status", "complete",
                "redis_version", "7.0.15", "redis_mode", "embedded", "profile", "stock", "git_sha", "6b7544d",
                "jmh_version", "1.37", "host", "bench-1"), info.labels());
        assertEquals(Instant.parse(ExportRuns.STARTED).toEpochMilli() / 1e3, one(s, "tailgate_run_timestamp_seconds").value());
        assertTrue(all(s, "tailgate_gate_outcome").isEmpty(), "no gate was run on it");
    }

    @Test
    void throughputAndAverageTimeModesPublishTheirScoresInBaseUnits() throws IOException {
        Path thrpt = ExportRuns.captured(results(), "thrpt", "thrpt", "COMPLETE", "");
        List<Series> s = ExportRuns.parse(export(thrpt.toString()).out());
        JsonNode first = JsonFiles.json().readTree(thrpt.resolve("jmh.json").toFile()).get(0);
        double opsPerNs = first.at("/primaryMetric/score").asDouble();
        Series ops = one(s, "tailgate_throughput_ops_per_second", "benchmark", first.get("benchmark").asText());
        assertEquals(opsPerNs * 1e9, ops.value(), opsPerNs * 1e9 * 1e-12);
        assertEquals(4, one(s, "tailgate_samples", "benchmark", first.get("benchmark").asText()).value(),
                "2 forks x 2 measurement iterations");
        assertTrue(all(s, "tailgate_latency_seconds").isEmpty(), s.toString());

        Path avgt = ExportRuns.captured(results(), "avgt", "avgt", "COMPLETE", "");
        List<Series> a = ExportRuns.parse(export(avgt.toString()).out());
        assertEquals(704758.4938556943e-9, one(a, "tailgate_latency_seconds", "benchmark", JEDIS).value(), 1e-15);
        assertEquals("mean", one(a, "tailgate_latency_seconds", "benchmark", JEDIS).label("statistic"));
        assertTrue(all(a, "tailgate_throughput_ops_per_second").isEmpty());
    }

    @Test
    void fixedRateRunsArePublishedFromTheirHistogramsNotJmhsScore() throws IOException {
        Path run = ExportRuns.fixedRate(results(), "fixed");
        CliRun g = gate(run, ExportRuns.FIXED_RATE.resolve("thresholds.yaml"));
        assertEquals(ExitCode.GATE_FAILED, g.code(), g.toString());
        List<Series> s = ExportRuns.parse(export(run.toString()).out());
        JsonNode verdict = JsonFiles.json().readTree(run.resolve("verdict.json").toFile());
        for (JsonNode c : verdict.get("checks")) {
            if (c.get("rule").asText().equals("fixed-rate") && c.get("statistic").asText().equals("p50")) {
                String rate = c.at("/params/rate").asText();
                Series p50 = one(s, "tailgate_latency_seconds", "params", "command=PING,rate=" + rate + ",seconds=2",
                        "statistic", "p50");
                double seconds = c.get("observed").asDouble() * unitSeconds(c.get("unit").asText());
                assertEquals(seconds, p50.value(), seconds * 1e-5);
                assertEquals(c.get("samples").asLong(), one(s, "tailgate_samples", "params", p50.label("params")).value());
            }
        }
        // JMH's single-shot score is the schedule's length, about 2 s; the response times are far below it
        assertTrue(all(s, "tailgate_latency_seconds", "statistic", "mean").stream().allMatch(x -> x.value() < 0.5), s.toString());
        assertEquals("FAIL", one(s, "tailgate_gate_outcome", "benchmark", "redis.commands_processed").label("verdict"));
    }

    @Test
    void theDefaultRunIsTheNewestComplete() throws IOException {
        Path results = results();
        ExportRuns.captured(results, "old", "sample", "COMPLETE", "");
        Path newer = ExportRuns.captured(results, "newer", "avgt", "COMPLETE", "");
        Path aborted = ExportRuns.captured(results, "aborted", "sample", "ABORTED", "");
        Path injected = ExportRuns.captured(results, "injected", "sample", "COMPLETE",
                ",\"injection\":{\"spinNanos\":5000,\"fraction\":1.0}");
        ExportRuns.manifest(results.resolve("old"), "old", "COMPLETE", "");
        restart(newer, "2026-11-25T23:00:00Z");
        restart(aborted, "2026-11-26T00:00:00Z");
        restart(injected, "2026-11-26T01:00:00Z");
        assertEquals("newer", runId(export("--results", results.toString())));
        assertEquals("injected", runId(export("--results", results.toString(), "--allow-injected")));
        assertEquals("aborted", runId(export("--results", results.toString(), "--allow-incomplete")));
        CliRun none = export("--results", tmp.resolve("empty").toString());
        assertEquals(ExitCode.BAD_INPUT, none.code(), none.toString());
        assertEquals(1, none.err().lines().count(), none.toString());
    }

    private static void restart(Path run, String startedAt) throws IOException {
        Path m = run.resolve("manifest.json");
        Files.writeString(m, Files.readString(m).replace(ExportRuns.STARTED, startedAt));
    }

    private static String runId(CliRun r) {
        assertEquals(ExitCode.OK, r.code(), r.toString());
        return one(ExportRuns.parse(r.out()), "tailgate_run_info").label("run_id");
    }

    @Test
    void aRunThatIsNotCompleteOrRealIsRefusedInOneLineAndMarkedWhenAllowed() throws IOException {
        Path results = results();
        Path aborted = ExportRuns.captured(results, "aborted", "sample", "ABORTED", ",\"abortReason\":\"interrupted (SIGINT)\"");
        Files.delete(aborted.resolve("jmh.json"));
        refused(export(aborted.toString()), aborted + ": manifest says the run is aborted (interrupted (SIGINT));"
                + " --allow-incomplete exports it anyway");
        Path running = ExportRuns.captured(results, "running", "sample", "RUNNING", "");
        refused(export(running.toString()), "status RUNNING");
        Path bare = Files.createDirectories(results.resolve("bare"));
        Files.copy(ExportRuns.CAPTURED.resolve("sample.json"), bare.resolve("jmh.json"));
        refused(export(bare.toString()), "no manifest.json");
        Path injected = ExportRuns.captured(results, "injected", "sample", "COMPLETE",
                ",\"injection\":{\"spinNanos\":200000,\"fraction\":0.5}");
        refused(export(injected.toString()), "injected run: not a real measurement (spin 200 µs on 50% of calls);"
                + " --allow-injected exports it anyway");
        refused(export(injected.toString(), "--allow-incomplete"), "--allow-injected");
        refused(export(tmp.resolve("nope").toString()), tmp.resolve("nope") + ": no such directory");

        CliRun r = export(running.toString(), "--allow-incomplete");
        assertEquals(ExitCode.OK, r.code(), r.toString());
        List<Series> s = ExportRuns.parse(r.out());
        assertTrue(s.size() > 10 && s.stream().allMatch(x -> "running".equals(x.label("incomplete"))), r.out());
        CliRun i = export(injected.toString(), "--allow-injected");
        assertTrue(ExportRuns.parse(i.out()).stream().allMatch(x -> "spin 200 µs on 50% of calls".equals(x.label("injected"))
                && x.label("incomplete") == null), i.out());
    }

    private static void refused(CliRun r, String expected) {
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().contains(expected), r.toString());
        assertTrue(r.out().isEmpty(), r.toString());
    }

    @Test
    void badFilesAreOneLineNamingTheFile() throws IOException {
        Path results = results();
        Path corruptJmh = ExportRuns.captured(results, "jmh", "sample", "COMPLETE", "");
        Files.writeString(corruptJmh.resolve("jmh.json"), "[{\"benchmark\": ");
        refused(export(corruptJmh.toString()), corruptJmh.resolve("jmh.json").toString());
        Path corruptVerdict = ExportRuns.captured(results, "verdict", "sample", "COMPLETE", "");
        Files.writeString(corruptVerdict.resolve("verdict.json"), "{\"schema\":1,\"decision\":\"PASS\",\"passed\":true,"
                + "\"checks\":[{\"rule\":\"r\",\"benchmark\":\"b\",\"params\":{},\"statistic\":\"p50\",\"outcome\":\"GREEN\"}]}");
        refused(export(corruptVerdict.toString()), corruptVerdict.resolve("verdict.json")
                + ": checks[0].outcome: expected one of PASS|WARN|INCONCLUSIVE|FAIL|ERROR, found \"GREEN\"");
        Path corruptManifest = ExportRuns.captured(results, "manifest", "sample", "COMPLETE", "");
        Files.writeString(corruptManifest.resolve("manifest.json"), "{\"status\": \"COMPLETE\",");
        refused(export(corruptManifest.toString()), corruptManifest.resolve("manifest.json") + ": malformed JSON");
    }

    @Test
    void outReplacesTheFileWholeAndLeavesNoTempFileBehind() throws IOException {
        Path run = ExportRuns.captured(results(), "r1", "sample", "COMPLETE", "");
        Path textfiles = Files.createDirectories(tmp.resolve("textfile"));
        Path prom = textfiles.resolve("tailgate.prom");
        Files.writeString(prom, "stale\n");
        CliRun r = export(run.toString(), "--out", prom.toString());
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertTrue(r.out().startsWith("export: " + run + ": 2 results, no gate -> " + prom), r.out());
        assertEquals(export(run.toString()).out(), Files.readString(prom));
        try (Stream<Path> files = Files.list(textfiles)) {
            assertEquals(List.of(prom), files.toList());
        }
        refused(export(run.toString(), "--out", tmp.resolve("missing/tailgate.prom").toString()), "no such directory");
    }

    @Test
    void usageErrorsAreExit2() throws IOException {
        Path run = ExportRuns.captured(results(), "r1", "sample", "COMPLETE", "");
        assertEquals(ExitCode.USAGE, export(run.toString(), "--format", "prometheus").code());
        assertEquals(ExitCode.USAGE, export(run.toString(), "--out", "x.prom", "--push", "http://localhost:9091").code());
        CliRun ftp = export(run.toString(), "--push", "ftp://localhost:9091");
        assertEquals(ExitCode.USAGE, ftp.code(), ftp.toString());
        assertEquals(1, ftp.err().lines().count(), ftp.toString());
        assertFalse(ftp.out().contains("tailgate_"), ftp.toString());
    }

    static double unitSeconds(String unit) {
        return switch (unit) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            default -> throw new AssertionError(unit);
        };
    }
}
