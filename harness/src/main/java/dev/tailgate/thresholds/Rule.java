package dev.tailgate.thresholds;

import dev.tailgate.model.BenchmarkId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A rule: which benchmarks it covers and the limits it sets on them.
 *
 * @param match  glob ({@code *} any run of characters, {@code ?} one character) matched against
 *               the fully qualified benchmark method or the simple {@code Class.method}
 * @param params parameter name to glob on the value; every one must match
 * @param file   threshold file the rule came from (after merging, the file that won)
 * @param histogram optional {@code .hlog} tag ({@code response}, {@code service}) the percentiles of
 *               an open-loop benchmark are judged on; default {@code response}
 */
public record Rule(String id, String match, SortedMap<String, String> params, List<Limit> limits, String file,
                   Optional<String> histogram) {
    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(histogram, "histogram");
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        limits = List.copyOf(limits);
    }

    /** A rule without {@code histogram:}: open-loop percentiles come from the {@code response} tag. */
    public Rule(String id, String match, SortedMap<String, String> params, List<Limit> limits, String file) {
        this(id, match, params, limits, file, Optional.empty());
    }

    /** The {@code .hlog} tag this rule's percentiles are read from when the benchmark has one. */
    public String histogramTag() {
        return histogram.orElse(dev.tailgate.model.TailHistogram.DEFAULT_TAG);
    }

    /** A pattern without wildcards names one benchmark: its absence is an error, not a no-match. */
    public boolean namesExactBenchmark() {
        return !match.contains("*") && !match.contains("?");
    }

    public boolean matches(BenchmarkId id) {
        Pattern p = pattern();
        if (!p.matcher(id.benchmark()).matches() && !p.matcher(id.simpleName()).matches()) {
            return false;
        }
        for (Map.Entry<String, String> e : params.entrySet()) {
            String v = id.params().get(e.getKey());
            if (v == null || !glob(e.getValue()).matcher(v).matches()) {
                return false;
            }
        }
        return true;
    }

    private Pattern pattern() {
        return PATTERNS.computeIfAbsent(match, Rule::glob);
    }

    /** Compiled globs, shared: a gate over thousands of results matches each rule against each. */
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
