package dev.tailgate.gate;

import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.Check;
import dev.tailgate.model.Numbers;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.SecondaryMetric;
import dev.tailgate.model.TailHistogram;
import java.util.ArrayList;
import java.util.List;

/**
 * Validity of open-loop measurements, pure. A fixed-rate benchmark reports, per fork and
 * iteration, the AuxCounter {@code valid} (1 when the generator kept its schedule: achieved rate
 * at least 99% of the requested, p99 slip within its bound, no errors). A generator that fell
 * behind measured its own lateness, not the server: every check of such a benchmark is at best
 * INCONCLUSIVE — a FAIL too, since its latencies include the generator's slip — and ERROR stays
 * ERROR.
 */
final class OpenLoopChecks {
    static final String VALID = "valid";

    private OpenLoopChecks() {
    }

    /** One line per fork/iteration whose {@code valid} counter is 0, with what the counters say. */
    static List<String> flaws(BenchmarkResult r) {
        List<String> out = new ArrayList<>();
        SecondaryMetric valid = r.secondaryMetrics().get(VALID);
        if (valid == null) {
            return out;
        }
        List<List<Double>> raw = valid.rawData();
        for (int f = 0; f < raw.size(); f++) {
            for (int i = 0; i < raw.get(f).size(); i++) {
                Double v = raw.get(f).get(i);
                if (v == null || !(v >= 1)) {
                    out.add("generator fell behind in fork " + (f + 1) + (raw.get(f).size() > 1 ? " iteration " + (i + 1) : "")
                            + ": achieved rate " + at(r, "achievedRatePerSecond", f, i) + "/s of requested "
                            + r.id().params().getOrDefault("rate", "?") + "/s, slip p99 " + at(r, "slipP99Micros", f, i)
                            + " us, errors " + at(r, "errors", f, i));
                }
            }
        }
        return out;
    }

    private static String at(BenchmarkResult r, String metric, int fork, int iteration) {
        SecondaryMetric m = r.secondaryMetrics().get(metric);
        if (m == null || m.rawData().size() <= fork || m.rawData().get(fork).size() <= iteration) {
            return "?";
        }
        return Numbers.format(m.rawData().get(fork).get(iteration));
    }

    /** All flaws of a benchmark: its JMH counters and its histogram source (e.g. a sampler window). */
    static List<String> flaws(BenchmarkResult r, TailHistogram tail) {
        List<String> all = new ArrayList<>(flaws(r));
        if (tail != null) {
            all.addAll(tail.invalidWhy());
        }
        return all;
    }

    /** Caps a check of an invalid open-loop measurement at INCONCLUSIVE; ERROR is kept. */
    static Check cap(Check c, List<String> flaws) {
        if (flaws.isEmpty() || c.outcome() == Outcome.ERROR || c.outcome() == Outcome.INCONCLUSIVE) {
            return c;
        }
        return c.with(Outcome.INCONCLUSIVE, "measurement invalid, cannot " + c.outcome().name().toLowerCase(java.util.Locale.ROOT)
                + ": " + String.join("; ", flaws) + "; otherwise: " + c.reason());
    }
}
