package dev.tailgate.ingest;

import dev.tailgate.model.CounterReadings;
import dev.tailgate.redis.telemetry.TelemetryDiff;
import dev.tailgate.redis.telemetry.TelemetryJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a run directory's {@code redis-diff.json} for the gate's {@code redis:} limits. A
 * missing file or a diff that is not VALID (restart, CONFIG RESETSTAT, another target) yields
 * readings without counters, so every counter limit is ERROR; a malformed file is bad input.
 */
public final class RunCounters {
    public static final String REDIS_DIFF = "redis-diff.json";

    private RunCounters() {
    }

    /** Readings whose source is named relative to the run directory, as reports show it. */
    public static CounterReadings read(Path runDir) {
        Path file = runDir.resolve(REDIS_DIFF);
        if (!Files.exists(file)) {
            return CounterReadings.missing(REDIS_DIFF, "no " + REDIS_DIFF + " in the run directory (telemetry was not captured)");
        }
        TelemetryDiff d = TelemetryJson.readDiff(file);
        if (d.validity() != TelemetryDiff.Validity.VALID) {
            return new CounterReadings(CounterReadings.State.INVALID, REDIS_DIFF, "diff validity is " + d.validity()
                    + (d.warnings().isEmpty() ? "" : " (" + d.warnings().get(0) + ")")
                    + ": the counters do not describe the run", Map.of());
        }
        Map<String, Long> byName = new TreeMap<>();
        d.counters().forEach((c, v) -> byName.put(c.ruleName(), v));
        return new CounterReadings(CounterReadings.State.VALID, REDIS_DIFF, "", byName);
    }
}
