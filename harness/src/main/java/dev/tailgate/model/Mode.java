package dev.tailgate.model;

/** JMH benchmark mode, spelled in result JSON as {@link #jmhName()}. */
public enum Mode {
    /** Operations per time unit; score is aggregated over threads. */
    THROUGHPUT("thrpt"),
    /** Average time per operation. */
    AVERAGE_TIME("avgt"),
    /** Sampled time per operation: the only mode with per-operation percentiles. */
    SAMPLE_TIME("sample"),
    /** Single-shot time: one call per iteration, cold. */
    SINGLE_SHOT("ss");

    private final String jmhName;

    Mode(String jmhName) {
        this.jmhName = jmhName;
    }

    public String jmhName() {
        return jmhName;
    }

    /** Returns the mode for a JMH spelling, or null when unknown (the caller names the item). */
    public static Mode fromJmh(String name) {
        for (Mode m : values()) {
            if (m.jmhName.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
