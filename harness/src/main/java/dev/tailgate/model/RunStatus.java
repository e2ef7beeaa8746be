package dev.tailgate.model;

/** What the run's manifest says about how the run ended. */
public enum RunStatus {
    /** The run finished and its data is valid. */
    COMPLETE,
    /** The run stopped early (Ctrl-C, crash, timeout): data may be partial. */
    ABORTED,
    /** The run finished but its data must not be trusted (e.g. pinning failed). */
    INVALID,
    /** No manifest: a bare JMH JSON file; nothing is known beyond the results. */
    UNKNOWN
}
