package dev.tailgate.bench.support;

/**
 * Where the hiccup meter beside a closed-loop trial runs ({@value #PROPERTY}), one suspect of
 * the floor's extra microseconds: it wakes 1,000 times a second, and on a VM a wake-up can cost
 * tens of µs of the CPU it lands on. The default is the placement that existed before the
 * switch; the others exist to measure what that costs ({@link HiccupTrial} explains the default).
 */
public enum HiccupPlacement {
    /** Default: pinned to {@code tailgate.cpu.server} when planned (beside Redis and the echo server), else unpinned off the client CPUs. */
    ON,
    /** No meter: no hiccup log, no evidence of host stalls for the trial. */
    OFF,
    /** Pinned to the first client CPU: its wake-ups then delay the measured thread instead of the server. */
    CLIENT,
    /** Unpinned on every CPU of the process: the scheduler puts each wake-up wherever it likes. */
    UNPINNED;

    public static final String PROPERTY = "tailgate.hiccup";

    /** {@value #PROPERTY} of this JVM; unset = {@link #ON}. */
    public static HiccupPlacement fromSystemProperties() {
        return SwitchProperty.read(System::getProperty, PROPERTY, ON);
    }
}
