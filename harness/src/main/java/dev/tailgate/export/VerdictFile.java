package dev.tailgate.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.Outcome;
import dev.tailgate.report.ReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the {@code verdict.json} a gate wrote into a run directory (layout:
 * {@link dev.tailgate.report.VerdictJsonWriter}, schema 1): the decision, whether it passed, and
 * each check's rule, benchmark, params, statistic and outcome. Every error names the file and the
 * item at fault.
 */
final class VerdictFile {
    private VerdictFile() {
    }

    /** The run's verdict; none when no gate was run on it. */
    static Optional<GateSummary> read(Path dir) {
        Path file = dir.resolve(ReportFiles.VERDICT_JSON);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JsonFiles.json().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": malformed JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(file + ": expected a JSON object");
        }
        if (root.path("schema").asInt(-1) != 1) {
            throw new BadInputException(file + ": schema: expected 1, found " + root.path("schema"));
        }
        JsonNode checks = root.path("checks");
        if (!checks.isArray()) {
            throw new BadInputException(file + ": checks: expected an array");
        }
        if (!root.path("passed").isBoolean()) {
            throw new BadInputException(file + ": passed: expected true or false, found " + root.path("passed"));
        }
        return Optional.of(new GateSummary(outcome(file, "decision", root.path("decision")),
                root.get("passed").asBoolean(), checks(file, checks)));
    }

    /**
     * One outcome per (rule, benchmark, params, statistic): a benchmark measured in two modes gets
     * two checks under one rule, and their series would have the same labels; the worse one stands.
     */
    private static List<GateSummary.CheckOutcome> checks(Path file, JsonNode checks) {
        Map<Key, GateSummary.CheckOutcome> byKey = new LinkedHashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            JsonNode c = checks.get(i);
            String at = "checks[" + i + "].";
            GateSummary.CheckOutcome read = new GateSummary.CheckOutcome(string(file, at + "rule", c.path("rule")),
                    new BenchmarkId(string(file, at + "benchmark", c.path("benchmark")), params(file, at, c.path("params"))),
                    string(file, at + "statistic", c.path("statistic")), outcome(file, at + "outcome", c.path("outcome")));
            byKey.merge(new Key(read.rule(), read.benchmark(), read.statistic()), read, (a, b) -> a.outcome().worse(b.outcome()) == a.outcome() ? a : b);
        }
        return List.copyOf(byKey.values());
    }

    private record Key(String rule, BenchmarkId benchmark, String statistic) {
    }

    private static TreeMap<String, String> params(Path file, String at, JsonNode params) {
        TreeMap<String, String> out = new TreeMap<>();
        if (params.isMissingNode()) {
            return out;
        }
        if (!params.isObject()) {
            throw new BadInputException(file + ": " + at + "params: expected an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), string(file, at + "params." + e.getKey(), e.getValue()));
        }
        return out;
    }

    private static String string(Path file, String item, JsonNode n) {
        if (!n.isTextual()) {
            throw new BadInputException(file + ": " + item + ": expected a string, found "
                    + (n.isMissingNode() ? "nothing" : n.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return n.asText();
    }

    private static Outcome outcome(Path file, String item, JsonNode n) {
        String s = string(file, item, n);
        try {
            return Outcome.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": " + item + ": expected one of "
                    + String.join("|", Arrays.stream(Outcome.values()).map(Outcome::name).toList())
                    + ", found \"" + s + "\"");
        }
    }
}
