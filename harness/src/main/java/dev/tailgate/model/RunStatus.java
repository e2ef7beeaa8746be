package dev.tailgate.model;

/** What the run's manifest says about how the run ended. */
public enum RunStatus {
    /** The run finished and its data is valid. */
    COMPLETE,
    /** The run stopped early (Ctrl-C, crash, timeout): data may be partial. */
    ABORTED,
    /** The manifest still says RUNNING: the run is going on, or died without a trace (kill -9, power loss). */
    RUNNING,
    /** A run directory with no manifest.json: nothing says the run finished. */
    NO_MANIFEST,
    /** The run finished but its data must not be trusted (e.g. pinning failed). */
    INVALID,
    /** A bare JMH JSON file (not a run directory): nothing is known beyond the results. */
    UNKNOWN
}
