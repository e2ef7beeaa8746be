package dev.tailgate.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Server-side counters of a run ({@code redis-diff.json}) as the gate sees them, keyed by the
 * name a threshold file uses ({@code redis.evicted_keys}). Only {@link State#VALID} readings
 * carry counters; a missing file or a diff across a restart or CONFIG RESETSTAT makes every
 * counter limit ERROR, never PASS.
 *
 * @param source where they came from (the diff file, or the run that lacks it)
 * @param detail why they are not VALID; empty when they are
 */
public record CounterReadings(State state, String source, String detail, Map<String, Long> byName) {
    public enum State { VALID, MISSING, INVALID }

    public CounterReadings {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detail, "detail");
        byName = Collections.unmodifiableMap(new TreeMap<>(byName));
        if (state != State.VALID && !byName.isEmpty()) {
            throw new IllegalArgumentException("counters of a " + state + " reading mean nothing");
        }
    }

    public static CounterReadings missing(String source, String detail) {
        return new CounterReadings(State.MISSING, source, detail, Map.of());
    }
}
