package dev.tailgate.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.IterationHistogram;
import dev.tailgate.run.JmhJsonMerger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the JMH results of the shards of one distributed run into the results of the whole run.
 * Unlike {@link JmhJsonMerger} (which puts forks of one host side by side), the shards ran at
 * the same time against one server, so fork f iteration k of the merged run is fork f iteration
 * k of every shard together. The rules (docs/distributed.md), per (fork, iteration):
 * <ul>
 *   <li>sample mode: the {@code rawDataHistogram} counts are added value by value, exactly;
 *       score, percentiles and the {@code p0.xx} secondaries are recomputed from the merged counts;</li>
 *   <li>a throughput ({@code ops/<time>} unit): the shards' values are added, since the hosts'
 *       operations per second add up;</li>
 *   <li>a single-shot time ({@code ss}): the longest shard's, as the run lasts until its last
 *       shard is done; any other time per operation: the mean of the shards';</li>
 *   <li>the fixed-rate benchmarks' counters: {@code achievedRatePerSecond}, {@code completedRequests}
 *       and {@code errors} add up; {@code valid} and {@code senderPinned} take the minimum (one
 *       invalid shard makes the iteration invalid); a percentile in µs takes the maximum, an upper
 *       bound only: the exact merged tail is the .hlog's ({@link HlogMerger}).</li>
 * </ul>
 * Summary fields of the primary metric are then recomputed from the merged raw data, as
 * {@link JmhJsonMerger} does. Pure: JSON trees and histograms in, a JSON tree out (no I/O).
 */
public final class ShardJsonMerger {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ShardJsonMerger() {
    }

    /** Each input is one shard's JMH result array, in shard order; results match on (benchmark, mode, params). */
    public static ArrayNode merge(List<JsonNode> shards) {
        Map<String, List<ShardResult>> byKey = new LinkedHashMap<>();
        for (JsonNode shard : shards) {
            if (!shard.isArray()) {
                throw new IllegalArgumentException("JMH result is not an array");
            }
            for (JsonNode r : shard) {
                byKey.computeIfAbsent(JmhJsonMerger.key(r), k -> new ArrayList<>()).add(ShardResult.of(r));
            }
        }
        ArrayNode out = F.arrayNode();
        for (List<ShardResult> parts : byKey.values()) {
            // a tree throughout, for whoever reads it as one (the streaming merge writes it as it is)
            out.add(JsonFiles.json().<JsonNode>valueToTree(mergeResult(parts)));
        }
        return out;
    }

    /**
     * One result from its shards' results (same benchmark, mode and params), in shard order. A
     * sample-mode result's {@code rawDataHistogram} is a {@link HistogramsJson} that writes
     * itself: serialise the result to read it as a tree.
     */
    static ObjectNode mergeResult(List<ShardResult> parts) {
        ObjectNode summed = sumOne(parts.stream().<JsonNode>map(ShardResult::result).toList());
        List<List<IterationHistogram>> histograms = sumHistograms(parts);
        if (histograms.isEmpty()) {
            ArrayNode one = F.arrayNode();
            one.add(summed);
            ObjectNode out = (ObjectNode) JmhJsonMerger.merge(List.of(one)).get(0);
            finishSecondaries(out, summed, IterationHistogram.EMPTY);
            return out;
        }
        // sample mode: the summary straight from the merged primitive histograms
        ObjectNode primary = (ObjectNode) summed.get("primaryMetric");
        List<IterationHistogram> iterations = histograms.stream().flatMap(List::stream).toList();
        IterationHistogram whole = IterationHistogram.merge(iterations);
        List<Double> means = iterations.stream().filter(h -> h.totalCount() > 0).map(IterationHistogram::mean).toList();
        JmhJsonMerger.putSampleScore(primary, whole.mean(), means, p -> percentile(whole, p));
        primary.putPOJO("rawDataHistogram", new HistogramsJson(histograms));
        finishSecondaries(summed, summed, whole);
        return summed;
    }

    private static ObjectNode sumOne(List<JsonNode> parts) {
        ObjectNode merged = parts.get(0).deepCopy();
        String mode = merged.path("mode").asText();
        ObjectNode primary = (ObjectNode) merged.get("primaryMetric");
        List<JsonNode> primaries = parts.stream().map(p -> p.path("primaryMetric")).toList();
        combine(primary, primaries, rule(mode, "", primary.path("scoreUnit").asText()));
        if (merged.get("secondaryMetrics") instanceof ObjectNode secondaries) {
            List<String> names = new ArrayList<>();
            secondaries.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                List<JsonNode> ms = parts.stream().map(p -> p.path("secondaryMetrics").path(name)).toList();
                ObjectNode m = (ObjectNode) secondaries.get(name);
                Fold r = rule(mode, name, m.path("scoreUnit").asText());
                combine(m, ms, r);
                double score = ms.stream().mapToDouble(x -> x.path("score").asDouble(Double.NaN)).reduce(r::apply)
                        .orElse(Double.NaN);
                m.put("score", r == Fold.MEAN ? score / ms.size() : score);
            }
        }
        return merged;
    }

    /** How the shards' values of one metric make the merged value; MEAN folds as a sum, then divides. */
    enum Fold {
        SUM, MIN, MAX, MEAN;

        double apply(double a, double b) {
            return switch (this) {
                case SUM, MEAN -> a + b;
                case MIN -> Math.min(a, b);
                case MAX -> Math.max(a, b);
            };
        }
    }

    /** The rule of one metric (the class comment says why each). */
    static Fold rule(String mode, String metric, String unit) {
        return switch (metric) {
            case "achievedRatePerSecond", "completedRequests", "errors" -> Fold.SUM;
            case "valid", "senderPinned" -> Fold.MIN;
            default -> {
                if (metric.endsWith("Micros")) {
                    yield Fold.MAX;
                }
                if (unit.startsWith("ops/")) {
                    yield Fold.SUM;
                }
                yield "ss".equals(mode) ? Fold.MAX : Fold.MEAN;
            }
        };
    }

    private static void combine(ObjectNode target, List<JsonNode> parts, Fold rule) {
        if (target.has("rawData")) {
            ArrayNode raw = foldRawData(parts, rule);
            if (rule == Fold.MEAN) {
                divide(raw, parts);
            }
            target.set("rawData", raw);
        }
    }

    /** Fork f iteration k: every shard's fork f iteration k, counts added per value. */
    static List<List<IterationHistogram>> sumHistograms(List<ShardResult> parts) {
        List<List<List<IterationHistogram>>> byForkAndIteration = new ArrayList<>();
        for (ShardResult p : parts) {
            for (int f = 0; f < p.histograms().size(); f++) {
                if (byForkAndIteration.size() <= f) {
                    byForkAndIteration.add(new ArrayList<>());
                }
                List<List<IterationHistogram>> its = byForkAndIteration.get(f);
                List<IterationHistogram> fork = p.histograms().get(f);
                for (int k = 0; k < fork.size(); k++) {
                    if (its.size() <= k) {
                        its.add(new ArrayList<>());
                    }
                    its.get(k).add(fork.get(k));
                }
            }
        }
        return byForkAndIteration.stream().map(its -> its.stream().map(IterationHistogram::merge).toList()).toList();
    }

    private static ArrayNode foldRawData(List<JsonNode> parts, Fold rule) {
        List<List<Double>> forks = new ArrayList<>();
        for (JsonNode p : parts) {
            JsonNode raw = p.path("rawData");
            for (int f = 0; f < raw.size(); f++) {
                if (forks.size() <= f) {
                    forks.add(new ArrayList<>());
                }
                List<Double> its = forks.get(f);
                for (int k = 0; k < raw.get(f).size(); k++) {
                    double v = raw.get(f).get(k).asDouble();
                    if (its.size() <= k) {
                        its.add(v);
                    } else {
                        its.set(k, rule.apply(its.get(k), v));
                    }
                }
            }
        }
        ArrayNode out = F.arrayNode();
        forks.forEach(its -> its.forEach(out.addArray()::add));
        return out;
    }

    private static void divide(ArrayNode raw, List<JsonNode> parts) {
        for (int f = 0; f < raw.size(); f++) {
            ArrayNode its = (ArrayNode) raw.get(f);
            for (int k = 0; k < its.size(); k++) {
                int n = 0;
                for (JsonNode p : parts) {
                    n += p.path("rawData").path(f).has(k) ? 1 : 0;
                }
                its.set(k, F.numberNode(its.get(k).asDouble() / Math.max(1, n)));
            }
        }
    }

    /**
     * After the primary metric's recompute: sample mode's {@code p0.xx} secondaries from the
     * merged counts, and every other secondary's score by its rule (JMH's summary of an
     * auxiliary counter is not the mean the recompute would give it).
     */
    private static void finishSecondaries(ObjectNode merged, JsonNode summed, IterationHistogram all) {
        if (!(merged.get("secondaryMetrics") instanceof ObjectNode secondaries)) {
            return;
        }
        secondaries.fieldNames().forEachRemaining(name -> {
            ObjectNode m = (ObjectNode) secondaries.get(name);
            if (name.matches("p\\d\\.\\d+") && all.totalCount() > 0) {
                double percent = new java.math.BigDecimal(name.substring(1)).movePointRight(2).doubleValue();
                m.put("score", percentile(all, percent));
            } else {
                m.set("score", summed.path("secondaryMetrics").path(name).path("score"));
            }
        });
    }

    /** JMH's percentile of counts: the smallest value with at least ceil(p% of all) samples at or below it. */
    static double percentile(IterationHistogram h, double p) {
        if (h.totalCount() == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * h.totalCount()));
        long seen = 0;
        for (int i = 0; i < h.size(); i++) {
            seen += h.count(i);
            if (seen >= rank) {
                return h.value(i);
            }
        }
        return h.value(h.size() - 1);
    }
}
