package dev.tailgate.bench.support;

/**
 * A known delay added inside the timed region of a benchmark call, so that an A/B can be
 * checked against a difference whose size is known in advance: a busy spin of
 * {@code spinNanos} on every call, or on a seeded random fraction of calls (a shift in the
 * tail only).
 *
 * <p>Measurement validity:
 * <ul>
 * <li>The spin waits on {@link System#nanoTime()} (the clock JMH's sample mode times calls
 *     with), never sleeps: a sleep's wake-up latency is the scheduler's, often tens of
 *     microseconds more than asked, and would make the "known" delay unknown.</li>
 * <li>Which calls spin is drawn from a per-thread SplitMix64 stream held in a {@code long}:
 *     no allocation, no shared state between benchmark threads, the same sequence for the
 *     same seed.</li>
 * <li>Off costs nothing: {@link #ACTIVE} is a {@code static final} read once from the fork's
 *     system properties, so when no arm injects, the JIT folds {@link #beforeCall()} to
 *     nothing.</li>
 * <li>The spin adds D to the call only while the thread keeps its CPU. It also makes the
 *     benchmark thread CPU-bound: on a contended host (no isolated CPU, other load) such a
 *     thread waits longer for its CPU after each wake-up, so a long spin shifts latency by
 *     more than D, most with clients that hand off to an I/O thread (Lettuce). Keep D small
 *     against the round trip when the size of the shift matters, and pin.</li>
 * </ul>
 *
 * <p>Instances are per benchmark thread (mutable random state); {@link #NONE} never changes
 * state and may be shared.
 */
public final class InjectedDelay {
    /** Arm A's (or an unalternated fork's) spin per call, in nanoseconds; absent or 0 = none. */
    public static final String SPIN_NANOS = "tailgate.inject.spinNanos";
    /** Fraction of calls that spin, in (0, 1]; default 1 (every call). */
    public static final String FRACTION = "tailgate.inject.fraction";
    /** Arm B's spin in an alternated fork. */
    public static final String ALT_SPIN_NANOS = "tailgate.inject.alt.spinNanos";
    /** Arm B's fraction in an alternated fork. */
    public static final String ALT_FRACTION = "tailgate.inject.alt.fraction";

    /** Whether any arm of this fork injects; a JIT constant. */
    static final boolean ACTIVE = configured(System.getProperty(SPIN_NANOS))
            || configured(System.getProperty(ALT_SPIN_NANOS));

    /** No delay. */
    public static final InjectedDelay NONE = new InjectedDelay(0, 0, 0);

    /** 2^53: the draw compares the top 53 bits of a 64-bit value with {@code fraction * 2^53}. */
    private static final long UNIT = 1L << 53;

    private final long spinNanos;
    private final long threshold;
    private long state;

    private InjectedDelay(long spinNanos, long threshold, long seed) {
        this.spinNanos = spinNanos;
        this.threshold = threshold;
        this.state = seed;
    }

    /**
     * @param spinNanos spin per chosen call, >= 0 (0 = none)
     * @param fraction  share of calls that spin, in (0, 1]
     * @param seed      start of this thread's stream
     */
    public static InjectedDelay of(long spinNanos, double fraction, long seed) {
        if (spinNanos < 0) {
            throw new IllegalArgumentException("injected spin: expected >= 0 ns, got " + spinNanos);
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("injected fraction: expected a number in (0, 1], got " + fraction);
        }
        if (spinNanos == 0) {
            return NONE;
        }
        long threshold = fraction >= 1 ? UNIT : Math.max(1, Math.round(fraction * UNIT));
        return new InjectedDelay(spinNanos, threshold, seed);
    }

    public long spinNanos() {
        return spinNanos;
    }

    /** The fraction of calls that spin (0 for {@link #NONE}). */
    public double fraction() {
        return (double) threshold / UNIT;
    }

    /** Called first thing inside every timed benchmark method; nothing at all unless {@link #ACTIVE}. */
    public void beforeCall() {
        if (ACTIVE) {
            spinIfDrawn();
        }
    }

    /** One call's worth of injection regardless of {@link #ACTIVE}; true if it spun. */
    boolean spinIfDrawn() {
        if (spinNanos == 0 || !draw()) {
            return false;
        }
        spin(spinNanos);
        return true;
    }

    /** Whether the next call spins: SplitMix64's next value against the threshold. */
    boolean draw() {
        if (threshold == UNIT) {
            return true;
        }
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) < threshold;
    }

    /**
     * Busy-waits until {@code nanos} have passed on {@link System#nanoTime()}; overshoots by
     * about one clock read. Never sleeps (see the class comment).
     */
    public static void spin(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
    }

    private static boolean configured(String v) {
        return v != null && !v.isBlank() && !v.strip().equals("0");
    }

    @Override
    public String toString() {
        return spinNanos == 0 ? "none" : "spin " + spinNanos + " ns on " + fraction() + " of calls";
    }
}
