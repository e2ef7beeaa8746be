package dev.tailgate.model;

import java.util.List;
import java.util.Objects;

/**
 * An open-loop latency histogram standing in for a benchmark's own numbers: the merged intervals
 * of the fixed-rate benchmarks' {@code .hlog} files (all forks, counts added) or of the tail
 * sampler's window. Percentile checks of that benchmark are judged on it, not on JMH's numbers:
 * JMH is closed-loop, the response time from each request's intended start is the honest tail.
 *
 * @param source      where it came from, for the reason text ({@code histograms/X-fork1.hlog +1})
 * @param byTag       tag ({@code response}, {@code service}, ...) to histogram in nanoseconds
 * @param forks       files (forks) merged; 1 for a sampler window
 * @param invalidWhy  empty when the generator kept its schedule; otherwise one line per flaw
 *                    ("generator fell behind: ..."). A non-empty list caps every check of the
 *                    benchmark at INCONCLUSIVE: response times measured from a schedule the
 *                    generator did not keep say nothing about the server.
 */
public record TailHistogram(String source, java.util.Map<String, IterationHistogram> byTag, int forks,
                            List<String> invalidWhy) {
    public static final String DEFAULT_TAG = "response";

    public TailHistogram {
        Objects.requireNonNull(source, "source");
        byTag = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byTag));
        invalidWhy = List.copyOf(invalidWhy);
    }

    public boolean valid() {
        return invalidWhy.isEmpty();
    }

    /** Same histograms with more flaws (e.g. the JMH result's {@code valid} counters). */
    public TailHistogram withFlaws(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(invalidWhy);
        all.addAll(more);
        return new TailHistogram(source, byTag, forks, all);
    }
}
