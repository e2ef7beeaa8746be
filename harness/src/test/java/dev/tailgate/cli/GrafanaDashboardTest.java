package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.cli.ExportRuns.Series;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.Statistic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard shipped in deploy/grafana/ asks only for what {@code export} writes:
 * every metric its queries name, every label they select on or show, and every statistic and
 * verdict value they match, is found in real exports (a gated sample run, a throughput run, and
 * both let through when aborted, injected or still running, for the labels that mark those).
 */
class GrafanaDashboardTest {
    static final Path DASHBOARD = Path.of(System.getProperty("tailgate.test.root", ".."))
            .resolve("deploy/grafana/tailgate.json");
    private static final Pattern SELECTOR = Pattern.compile("(tailgate_[a-z0-9_]+)(\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern LEGEND = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");
    private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");

    @TempDir
    Path tmp;

    @Test
    void everyQueryAsksForWhatExportWrites() throws IOException {
        Map<String, Set<String>> written = labelsByMetric();
        JsonNode dashboard = JsonFiles.json().readTree(DASHBOARD.toFile());
        List<JsonNode> targets = new ArrayList<>();
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(targets::add));
        for (JsonNode v : dashboard.at("/templating/list")) {
            if (v.has("definition")) {
                targets.add(JsonFiles.json().createObjectNode().put("expr", v.get("definition").asText()));
            }
        }
        Set<String> asked = new HashSet<>();
        for (JsonNode t : targets) {
            String expr = t.get("expr").asText();
            Set<String> available = new HashSet<>();
            Matcher m = SELECTOR.matcher(expr);
            while (m.find()) {
                String metric = m.group(1);
                asked.add(metric);
                assertTrue(written.containsKey(metric), metric + " in \"" + expr + "\" is not written by export: " + written.keySet());
                available.addAll(written.get(metric));
                if (m.group(3) != null) {
                    checkMatchers(metric, m.group(3), written.get(metric), expr);
                }
            }
            assertTrue(!available.isEmpty(), "no tailgate metric in " + expr);
            Matcher by = BY.matcher(expr);
            Set<String> shown = new HashSet<>(available);
            while (by.find()) {
                List<String> grouped = Arrays.stream(by.group(1).split(",")).map(String::strip).toList();
                assertTrue(available.containsAll(grouped), grouped + " in " + expr);
                shown = new HashSet<>(grouped);
            }
            Matcher legend = LEGEND.matcher(t.path("legendFormat").asText());
            while (legend.find()) {
                assertTrue(shown.contains(legend.group(1)), legend.group(1) + " in the legend of " + expr);
            }
        }
        assertTrue(asked.containsAll(List.of("tailgate_latency_seconds", "tailgate_gate_outcome", "tailgate_gate_passed",
                "tailgate_run_info", "tailgate_run_timestamp_seconds")), asked.toString());
        List<String> titles = new ArrayList<>();
        dashboard.get("panels").forEach(p -> titles.add(p.get("title").asText()));
        assertTrue(titles.containsAll(List.of("p50 per benchmark", "p99 per benchmark", "p99.9 per benchmark",
                "Gate outcomes over time")), titles.toString());
    }

    private static void checkMatchers(String metric, String inside, Set<String> labels, String expr) {
        Matcher l = MATCHER.matcher(inside);
        int matchers = 0;
        while (l.find()) {
            matchers++;
            String label = l.group(1);
            String value = l.group(3);
            assertTrue(labels.contains(label), metric + " has no label " + label + " (" + expr + ")");
            if (label.equals("statistic")) {
                Statistic s = Statistic.fromYaml(value);
                assertTrue(s != null && s != Statistic.THROUGHPUT, "no statistic " + value + " in " + expr);
            }
            if (label.equals("verdict")) {
                assertTrue(Arrays.stream(Outcome.values()).anyMatch(o -> o.name().equals(value)), value + " in " + expr);
            }
        }
        assertEquals(inside.split(",").length, matchers, "every matcher of " + expr + " understood");
    }

    /** Metric name to every label name it carries in the real exports. */
    private Map<String, Set<String>> labelsByMetric() throws IOException {
        Path results = Files.createDirectories(tmp.resolve("results"));
        Path sample = ExportRuns.captured(results, "sample", "sample", "COMPLETE", "");
        CliRun.of("gate", sample.toString(), "--thresholds",
                ExportRuns.RESOURCES.resolve("golden/captured-sample/thresholds.yaml").toString(), "--no-ledger");
        Path thrpt = ExportRuns.captured(results, "thrpt", "thrpt", "COMPLETE", "");
        Path marked = ExportRuns.captured(results, "marked", "sample", "ABORTED",
                ",\"injection\":{\"spinNanos\":5000,\"fraction\":1.0}");
        Files.copy(sample.resolve("verdict.json"), marked.resolve("verdict.json"));
        Path markedThrpt = ExportRuns.captured(results, "marked-thrpt", "thrpt", "RUNNING",
                ",\"injection\":{\"spinNanos\":5000,\"fraction\":1.0}");
        Map<String, Set<String>> out = new HashMap<>();
        for (String[] args : List.of(new String[] {sample.toString()}, new String[] {thrpt.toString()},
                new String[] {marked.toString(), "--allow-incomplete", "--allow-injected"},
                new String[] {markedThrpt.toString(), "--allow-incomplete", "--allow-injected"})) {
            CliRun r = ExportCommandTest.export(args);
            assertEquals(ExitCode.OK, r.code(), r.toString());
            for (Series s : ExportRuns.parse(r.out())) {
                out.computeIfAbsent(s.name(), k -> new HashSet<>()).addAll(s.labels().keySet());
            }
        }
        return out;
    }
}
