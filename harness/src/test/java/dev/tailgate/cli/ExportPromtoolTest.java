package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus's own linter, {@code promtool check metrics}, takes every kind of export without a
 * complaint. It parses the Prometheus text format 0.0.4, what node_exporter's textfile collector
 * and the Pushgateway read: so the export's OpenMetrics text is that format too (the OpenMetrics
 * side is checked by a real Prometheus scrape, {@link ExportPrometheusScrapeIT}). Needs promtool
 * (Debian package prometheus; .ci/run installs it); skipped without it.
 */
class ExportPromtoolTest {
    @TempDir
    Path tmp;

    @Test
    void promtoolFindsNothingToSayAboutAnyExport() throws Exception {
        Path promtool = ExportRuns.prometheusToolOrSkip("promtool");
        Path results = Files.createDirectories(tmp.resolve("results"));
        Path sample = ExportRuns.captured(results, "sample", "sample", "COMPLETE", "");
        CliRun.of("gate", sample.toString(), "--thresholds",
                ExportRuns.RESOURCES.resolve("golden/captured-sample/thresholds.yaml").toString(), "--no-ledger");
        Path fixed = ExportRuns.fixedRate(results, "fixed");
        CliRun.of("gate", fixed.toString(), "--thresholds", ExportRuns.FIXED_RATE.resolve("thresholds.yaml").toString(),
                "--no-ledger");
        Path thrpt = ExportRuns.captured(results, "thrpt", "thrpt", "COMPLETE", "");
        Path awkward = ExportRuns.awkwardParams(results, "awkward");
        Path marked = ExportRuns.captured(results, "marked", "sample", "ABORTED",
                ",\"injection\":{\"spinNanos\":5000,\"fraction\":0.01}");
        List<List<String>> exports = List.of(List.of(sample.toString()), List.of(fixed.toString()),
                List.of(thrpt.toString()), List.of(awkward.toString()),
                List.of(marked.toString(), "--allow-incomplete", "--allow-injected"));
        for (List<String> args : exports) {
            CliRun r = ExportCommandTest.export(args.toArray(String[]::new));
            assertEquals(ExitCode.OK, r.code(), r.toString());
            assertTrue(r.out().contains("tailgate_gate_outcome") || !args.get(0).equals(sample.toString()), r.out());
            String said = check(promtool, r.out());
            assertEquals("exit 0\n", said, args + "\n" + r.out());
        }
        // and it does complain about a defect of the kind the export must not have
        String broken = check(promtool, "# TYPE tailgate_samples gauge\ntailgate_samples{params=\"a\"b\"} 1\n");
        assertTrue(broken.startsWith("exit 1"), broken);
    }

    /** promtool's exit code and everything it printed. */
    private String check(Path promtool, String text) throws IOException, InterruptedException {
        Path input = Files.createTempFile(tmp, "export", ".prom");
        Files.writeString(input, text);
        Path output = tmp.resolve("promtool.out");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(input.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        return "exit " + p.exitValue() + "\n" + Files.readString(output, StandardCharsets.UTF_8);
    }
}
