package dev.tailgate.gate;

import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.Check;
import dev.tailgate.model.CounterReadings;
import dev.tailgate.model.MetricUnit;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.Statistic;
import dev.tailgate.thresholds.CounterLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The {@code redis:} limits, pure: one check per counter limit, judged on the run's
 * {@code redis-diff.json}. A counter is an exact count of the window, so there is no interval;
 * its absence (no diff file, a diff across a restart or CONFIG RESETSTAT, a server that does not
 * report it) is ERROR, never PASS. Checks are listed under rule id {@value #RULE_ID}, with the
 * counter's name ({@code redis.evicted_keys}) in the benchmark column.
 */
final class CounterChecks {
    static final String RULE_ID = "redis";

    private CounterChecks() {
    }

    static List<Check> judge(List<CounterLimit> limits, CounterReadings readings) {
        List<Check> out = new ArrayList<>();
        for (CounterLimit l : limits) {
            out.add(judge(l, readings));
        }
        return out;
    }

    static Check judge(CounterLimit l, CounterReadings readings) {
        BenchmarkId id = BenchmarkId.of(l.name());
        OptionalDouble warn = l.warn().isPresent() ? OptionalDouble.of(l.warn().getAsLong()) : OptionalDouble.empty();
        if (readings.state() != CounterReadings.State.VALID) {
            return new Check(RULE_ID, id, Statistic.COUNT, MetricUnit.COUNT, Double.NaN, Double.NaN, Double.NaN, l.fail(),
                    warn, 0, 0, Outcome.ERROR, readings.source() + ": " + readings.detail());
        }
        Long v = readings.byName().get(l.name());
        if (v == null) {
            return new Check(RULE_ID, id, Statistic.COUNT, MetricUnit.COUNT, Double.NaN, Double.NaN, Double.NaN, l.fail(),
                    warn, 0, 0, Outcome.ERROR, readings.source() + ": counter " + l.name()
                    + " absent (the server did not report it), cannot judge");
        }
        Outcome o;
        String reason;
        if (v > l.fail()) {
            o = Outcome.FAIL;
            reason = "count " + v + " above the limit " + l.fail();
        } else if (l.warn().isPresent() && v > l.warn().getAsLong()) {
            o = Outcome.WARN;
            reason = "count " + v + " within the limit " + l.fail() + " but above warn " + l.warn().getAsLong();
        } else {
            o = Outcome.PASS;
            reason = "count " + v + " within the limit " + l.fail();
        }
        return new Check(RULE_ID, id, Statistic.COUNT, MetricUnit.COUNT, v, v, v, l.fail(), warn, 1, 0, o,
                reason + " (exact, from " + readings.source() + ")");
    }
}
