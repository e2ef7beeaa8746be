package dev.tailgate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.Check;
import dev.tailgate.model.Numbers;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.Verdict;
import java.io.UncheckedIOException;

/**
 * {@code verdict.json}: one entry per check, for machines. Numbers are in the unit of the
 * check's limit, rounded to 6 significant digits; {@code null} means "not available" for
 * {@code observed} and "unbounded" for {@code boundLow}/{@code boundHigh}.
 */
public final class VerdictJsonWriter {
    /** Version of this file's layout; bump on an incompatible change. */
    public static final int SCHEMA = 1;

    private VerdictJsonWriter() {
    }

    public static ObjectNode tree(Verdict v) {
        ObjectNode root = JsonFiles.json().createObjectNode();
        root.put("schema", SCHEMA);
        root.put("decision", v.decision().name());
        root.put("passed", v.passed());
        root.put("summary", v.summary());
        root.put("today", v.today().toString());
        ArrayNode th = root.putArray("thresholds");
        v.thresholds().forEach(th::add);
        root.put("confidence", v.confidence());
        root.put("inconclusiveFails", v.inconclusiveFails());
        ObjectNode counts = root.putObject("counts");
        for (Outcome o : Outcome.values()) {
            counts.put(o.name(), v.count(o));
        }
        ArrayNode checks = root.putArray("checks");
        for (Check c : v.checks()) {
            ObjectNode n = checks.addObject();
            n.put("rule", c.ruleId());
            n.put("benchmark", c.benchmark().benchmark());
            ObjectNode params = n.putObject("params");
            c.benchmark().params().forEach(params::put);
            n.put("statistic", c.statistic().yamlName());
            n.put("unit", c.unit().spelling());
            number(n, "observed", c.observed());
            number(n, "boundLow", c.boundLow());
            number(n, "boundHigh", c.boundHigh());
            number(n, "limit", c.limit());
            if (c.warn().isPresent()) {
                number(n, "warn", c.warn().getAsDouble());
            } else {
                n.putNull("warn");
            }
            n.put("outcome", c.outcome().name());
            n.put("reason", c.reason());
            n.put("samples", c.samples());
            n.put("forks", c.forks());
        }
        ArrayNode unmatched = root.putArray("unmatchedRules");
        v.unmatchedRules().forEach(unmatched::add);
        return root;
    }

    public static String json(Verdict v) {
        try {
            return JsonFiles.json().writeValueAsString(tree(v)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void number(ObjectNode n, String field, double value) {
        if (Double.isFinite(value)) {
            n.put(field, Numbers.round(value, 6));
        } else {
            n.putNull(field);
        }
    }
}
