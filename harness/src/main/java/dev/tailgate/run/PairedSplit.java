package dev.tailgate.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.bench.support.ForkArms;
import dev.tailgate.model.BadInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the JMH result of alternated A/B forks ({@link PairedFork}) into the two arms.
 *
 * <p>Measurement iteration i of every fork belongs to arm {@code pattern[i % length]}. The
 * output is one ordinary JMH result per arm (same forks, half the iterations, summary fields
 * recomputed by {@link JmhJsonMerger}), so each arm's run directory reads like any other,
 * and the rounds: round r of a fork is measurement iterations 2r and 2r+1, one per arm,
 * adjacent in time. Because every round holds exactly one iteration of each arm, round r of
 * fork f is iteration r of fork f in both arm results: the paired statistics can take them
 * from there.
 *
 * <p>Pure: a JSON tree in, JSON trees and records out.
 */
public final class PairedSplit {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /**
     * One round of one benchmark.
     *
     * @param fork       fork index, from 0
     * @param round      round index within the fork, from 0
     * @param aIteration measurement iteration of arm A in the alternated fork
     * @param bIteration measurement iteration of arm B
     * @param first      "A" or "B": which arm ran first in this round
     */
    public record Round(int fork, int round, int aIteration, int bIteration, String first) {
    }

    /** The rounds of one benchmark (its key is benchmark, mode and params, as in {@link JmhJsonMerger}). */
    public record BenchmarkRounds(String benchmark, String mode, Map<String, String> params, List<Round> rounds) {
        public BenchmarkRounds {
            params = Map.copyOf(params);
            rounds = List.copyOf(rounds);
        }
    }

    /**
     * @param armA   arm A's JMH result (the baseline's jmh.json)
     * @param armB   arm B's
     * @param rounds per benchmark, in the input's order
     */
    public record Result(ArrayNode armA, ArrayNode armB, List<BenchmarkRounds> rounds) {
        public Result {
            rounds = List.copyOf(rounds);
        }
    }

    private PairedSplit() {
    }

    /**
     * @param source  names the input in error messages
     * @param jmh     JMH's result array from alternated forks
     * @param pattern the pattern the forks ran with
     * @throws BadInputException if the input is not such a result or a fork's iterations do not form whole rounds
     */
    public static Result split(String source, JsonNode jmh, String pattern) {
        return split(source, jmh, pattern, false);
    }

    /**
     * As {@link #split(String, JsonNode, String)}; with {@code mirrored}, every odd fork (0-based)
     * ran {@code pattern} with A and B swapped ({@link PairedFork#forFork}).
     */
    public static Result split(String source, JsonNode jmh, String pattern, boolean mirrored) {
        try {
            ForkArms.checkPattern(pattern);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source + ": " + e.getMessage());
        }
        if (pattern.isEmpty()) {
            throw new BadInputException(source + ": no alternation pattern: nothing to split");
        }
        if (!jmh.isArray()) {
            throw new BadInputException(source + ": expected a JMH result array");
        }
        ArrayNode a = F.arrayNode();
        ArrayNode b = F.arrayNode();
        List<BenchmarkRounds> rounds = new ArrayList<>();
        for (JsonNode r : jmh) {
            String where = source + ": " + r.path("benchmark").asText("(no benchmark name)");
            List<Integer> perFork = iterationsPerFork(where, r.path("primaryMetric"));
            a.add(recompute(arm(r, pattern, mirrored, 'A')));
            b.add(recompute(arm(r, pattern, mirrored, 'B')));
            rounds.add(new BenchmarkRounds(r.path("benchmark").asText(), r.path("mode").asText(), params(r),
                    rounds(perFork, pattern, mirrored)));
        }
        return new Result(a, b, rounds);
    }

    /** Measurement iterations in each fork; each must be even (whole rounds). */
    private static List<Integer> iterationsPerFork(String where, JsonNode metric) {
        JsonNode raw = metric.has("rawDataHistogram") ? metric.get("rawDataHistogram") : metric.get("rawData");
        if (raw == null || !raw.isArray() || raw.isEmpty()) {
            throw new BadInputException(where + ": primaryMetric has no rawData or rawDataHistogram to split");
        }
        List<Integer> out = new ArrayList<>();
        for (int f = 0; f < raw.size(); f++) {
            int n = raw.get(f).size();
            if (n == 0 || n % 2 != 0) {
                throw new BadInputException(where + ": fork " + (f + 1) + " has " + n
                        + " measurement iterations: alternated forks need whole rounds (an even number)");
            }
            out.add(n);
        }
        return out;
    }

    private static List<Round> rounds(List<Integer> perFork, String pattern, boolean mirrored) {
        List<Round> out = new ArrayList<>();
        for (int f = 0; f < perFork.size(); f++) {
            for (int i = 0; i < perFork.get(f); i += 2) {
                char first = letter(pattern, mirrored, f, i);
                out.add(new Round(f, i / 2, first == 'A' ? i : i + 1, first == 'A' ? i + 1 : i, String.valueOf(first)));
            }
        }
        return out;
    }

    private static char letter(String pattern, boolean mirrored, int fork, int iteration) {
        char c = pattern.charAt(iteration % pattern.length());
        return mirrored && fork % 2 == 1 ? (c == 'A' ? 'B' : 'A') : c;
    }

    /** A copy of result {@code r} keeping only the iterations of arm {@code letter}, in every metric. */
    private static ObjectNode arm(JsonNode r, String pattern, boolean mirrored, char letter) {
        ObjectNode copy = r.deepCopy();
        filterMetric((ObjectNode) copy.get("primaryMetric"), pattern, mirrored, letter);
        if (copy.get("secondaryMetrics") instanceof ObjectNode secondaries) {
            Iterator<JsonNode> it = secondaries.elements();
            while (it.hasNext()) {
                if (it.next() instanceof ObjectNode m) {
                    filterMetric(m, pattern, mirrored, letter);
                }
            }
        }
        if (copy.has("measurementIterations")) {
            copy.put("measurementIterations", copy.get("measurementIterations").asInt() / 2);
        }
        return copy;
    }

    private static void filterMetric(ObjectNode metric, String pattern, boolean mirrored, char letter) {
        for (String field : List.of("rawData", "rawDataHistogram")) {
            if (!(metric.get(field) instanceof ArrayNode forks)) {
                continue;
            }
            ArrayNode kept = F.arrayNode();
            for (int f = 0; f < forks.size(); f++) {
                JsonNode fork = forks.get(f);
                ArrayNode iterations = F.arrayNode();
                for (int i = 0; i < fork.size(); i++) {
                    if (letter(pattern, mirrored, f, i) == letter) {
                        iterations.add(fork.get(i));
                    }
                }
                kept.add(iterations);
            }
            metric.set(field, kept);
        }
    }

    /** score, scoreError, scoreConfidence, scorePercentiles of the kept iterations, as JMH computes them. */
    private static JsonNode recompute(ObjectNode r) {
        ArrayNode one = F.arrayNode();
        one.add(r);
        return JmhJsonMerger.merge(List.of(one)).get(0);
    }

    private static Map<String, String> params(JsonNode r) {
        Map<String, String> out = new LinkedHashMap<>();
        r.path("params").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
