package dev.tailgate.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.model.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins JMH result files of single-fork invocations into one file with N forks, as if JMH had
 * run the forks itself. {@code tailgate ab} needs this: it interleaves the arms fork by fork
 * (A B B A ...), so each arm's forks come from separate JMH invocations.
 *
 * <p>Raw data is concatenated along the fork axis, unchanged. Summary fields are recomputed
 * from it the way JMH computes them: sample mode from the merged histogram (counts added),
 * other modes from all iteration scores; {@code scoreError} is JMH's 99.9% Student-t
 * half-width over pooled iterations (docs/foundations.md: not an uncertainty to gate on; kept for format
 * fidelity). Pure: JSON trees in, a JSON tree out.
 */
public final class JmhJsonMerger {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final double[] PERCENTILES = {0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0};

    private JmhJsonMerger() {
    }

    /** Each input is one JMH result array; results are matched on (benchmark, mode, params). */
    public static ArrayNode merge(List<JsonNode> files) {
        Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
        for (JsonNode file : files) {
            if (!file.isArray()) {
                throw new IllegalArgumentException("JMH result is not an array");
            }
            for (JsonNode r : file) {
                byKey.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
            }
        }
        ArrayNode out = F.arrayNode();
        for (List<JsonNode> parts : byKey.values()) {
            out.add(mergeOne(parts));
        }
        return out;
    }

    public static String key(JsonNode r) {
        Map<String, String> params = new TreeMap<>();
        r.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        return r.path("benchmark").asText() + "|" + r.path("mode").asText() + "|" + params;
    }

    private static ObjectNode mergeOne(List<JsonNode> parts) {
        ObjectNode merged = parts.get(0).deepCopy();
        int forks = 0;
        for (JsonNode p : parts) {
            forks += p.path("forks").asInt(1);
        }
        merged.put("forks", forks);
        boolean sample = "sample".equals(merged.path("mode").asText());
        ObjectNode primary = (ObjectNode) merged.get("primaryMetric");
        concat(primary, parts, "primaryMetric");
        recompute(primary, sample);
        if (merged.get("secondaryMetrics") instanceof ObjectNode secondaries) {
            List<String> names = new ArrayList<>();
            secondaries.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                ObjectNode m = (ObjectNode) secondaries.get(name);
                concatSecondary(m, parts, name);
                recompute(m, false);
            }
        }
        return merged;
    }

    private static void concat(ObjectNode target, List<JsonNode> parts, String metric) {
        for (String field : List.of("rawData", "rawDataHistogram")) {
            if (!target.has(field)) {
                continue;
            }
            ArrayNode all = F.arrayNode();
            for (JsonNode p : parts) {
                p.path(metric).path(field).forEach(all::add);
            }
            target.set(field, all);
        }
    }

    private static void concatSecondary(ObjectNode target, List<JsonNode> parts, String name) {
        for (String field : List.of("rawData", "rawDataHistogram")) {
            if (!target.has(field)) {
                continue;
            }
            ArrayNode all = F.arrayNode();
            for (JsonNode p : parts) {
                p.path("secondaryMetrics").path(name).path(field).forEach(all::add);
            }
            target.set(field, all);
        }
    }

    /** score, scoreError, scoreConfidence, scorePercentiles from the (merged) raw data. */
    private static void recompute(ObjectNode m, boolean sample) {
        if (sample && m.has("rawDataHistogram")) {
            recomputeFromHistograms(m);
        } else if (m.has("rawData")) {
            recomputeFromRawData(m);
        }
    }

    /** Sample mode: every fork's every iteration is a histogram of (value, count) pairs. */
    private static void recomputeFromHistograms(ObjectNode m) {
        TreeMap<Double, Long> counts = new TreeMap<>();
        List<Double> iterationMeans = new ArrayList<>();
        for (JsonNode fork : m.get("rawDataHistogram")) {
            for (JsonNode iteration : fork) {
                double sum = 0;
                long n = 0;
                for (JsonNode pair : iteration) {
                    double v = pair.get(0).asDouble();
                    long c = pair.get(1).asLong();
                    counts.merge(v, c, Long::sum);
                    sum += v * c;
                    n += c;
                }
                if (n > 0) {
                    iterationMeans.add(sum / n);
                }
            }
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        double sum = 0;
        for (Map.Entry<Double, Long> e : counts.entrySet()) {
            sum += e.getKey() * e.getValue();
        }
        double mean = total == 0 ? Double.NaN : sum / total;
        ObjectNode pct = F.objectNode();
        for (double p : PERCENTILES) {
            pct.put(label(p), percentileOfCounts(counts, total, p));
        }
        putScore(m, mean, errorOf(iterationMeans), pct);
    }

    /**
     * Sample mode's summary fields from a histogram already merged by its owner: score (the
     * mean), JMH's scoreError over {@code iterationMeans}, and the percentiles JMH reports, each
     * from {@code percentile} (percent in, value out).
     */
    public static void putSampleScore(ObjectNode m, double mean, List<Double> iterationMeans,
                                      java.util.function.DoubleUnaryOperator percentile) {
        ObjectNode pct = F.objectNode();
        for (double p : PERCENTILES) {
            pct.put(label(p), percentile.applyAsDouble(p));
        }
        putScore(m, mean, errorOf(iterationMeans), pct);
    }

    /** Other modes: one score per iteration. */
    private static void recomputeFromRawData(ObjectNode m) {
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : m.get("rawData")) {
            for (JsonNode v : fork) {
                values.add(v.asDouble());
            }
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        ObjectNode pct = F.objectNode();
        for (double p : PERCENTILES) {
            pct.put(label(p), percentileOfSorted(sorted, p));
        }
        putScore(m, mean, errorOf(values), pct);
    }

    private static void putScore(ObjectNode m, double score, double error, ObjectNode pct) {
        m.put("score", score);
        if (Double.isNaN(error)) {
            m.put("scoreError", "NaN");
            ArrayNode c = F.arrayNode();
            c.add("NaN");
            c.add("NaN");
            m.set("scoreConfidence", c);
        } else {
            m.put("scoreError", error);
            ArrayNode c = F.arrayNode();
            c.add(score - error);
            c.add(score + error);
            m.set("scoreConfidence", c);
        }
        m.set("scorePercentiles", pct);
    }

    /** JMH's scoreError: t(0.9995, n-1) * s / sqrt(n); NaN below two values. */
    static double errorOf(List<Double> values) {
        int n = values.size();
        if (n < 2) {
            return Double.NaN;
        }
        double sd = Stats.standardDeviation(values.stream().mapToDouble(Double::doubleValue).toArray());
        return Stats.tQuantile(1 - 0.001 / 2, n - 1) * sd / Math.sqrt(n);
    }

    static String label(double p) {
        String s = String.format(Locale.ROOT, "%s", p);
        return s.contains(".") ? s : s + ".0";
    }

    static double percentileOfCounts(TreeMap<Double, Long> counts, long total, double p) {
        if (total == 0) {
            return Double.NaN;
        }
        if (p <= 0) {
            return counts.firstKey();
        }
        long rank = (long) Math.ceil(p / 100.0 * total);
        long seen = 0;
        for (Map.Entry<Double, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        return counts.lastKey();
    }

    static double percentileOfSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        if (p <= 0) {
            return sorted[0];
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
