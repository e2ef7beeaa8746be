package dev.tailgate.bench.openloop;

/** Why a fixed-rate run is INVALID. A run with any flaw may only be ERROR or INCONCLUSIVE in a gate. */
public enum Flaw {
    /** Achieved rate under the required fraction of the requested rate: the generator fell behind. */
    BEHIND_SCHEDULE,
    /** p99 schedule slip above the bound: sends left too late to call the load "fixed-rate". */
    SLIP_ABOVE_BOUND,
    /**
     * A blocking client waited for each reply before sending the next, and the requested period is
     * shorter than its median round trip: one connection cannot exceed 1/RTT.
     */
    BLOCKING_CLIENT_CEILING,
    /** Requests failed (I/O error, error reply, disconnect). */
    ERRORS,
    /** Nothing completed. */
    NO_SAMPLES
}
