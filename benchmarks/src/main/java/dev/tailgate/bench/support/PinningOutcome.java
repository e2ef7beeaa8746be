package dev.tailgate.bench.support;

/** What really happened when a thread was (or was not) pinned; checked, not assumed. */
public enum PinningOutcome {
    /** The thread's real allowed-CPU list is exactly the one requested (or handed out) CPU. */
    BOUND,
    /** Pinning was attempted but the real affinity is not exactly one planned CPU; see the reason. */
    NOT_BOUND,
    /** Pinning was switched off ({@code tailgate.pin=false} / {@code --no-pin}). */
    DISABLED,
    /** This platform cannot pin or cannot show real affinity (no /proc, no JNA). */
    UNSUPPORTED
}
