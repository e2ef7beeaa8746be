package dev.tailgate.bench.trading;

import java.util.SplittableRandom;

/**
 * Arrival times of a non-homogeneous Poisson process over one session, by time change: unit
 * exponential gaps in "operational time" are mapped through the inverse of the cumulative
 * intensity. The intensity is piecewise constant on {@value #SLOTS} equal slots:
 * <ul>
 *   <li>{@value #OPEN_CLOSE_MULTIPLIER}x in the first and last {@value #OPEN_CLOSE_SLOTS} slots
 *       (5% each): the open and close microbursts;</li>
 *   <li>{@value #BURST_MULTIPLIER}x in each mid-session slot that the seed picks with probability
 *       {@value #BURST_PROBABILITY} (short news-like bursts, 0.1% of the session each);</li>
 *   <li>1x elsewhere.</li>
 * </ul>
 * The rate is scaled so that the expected number of arrivals in the session equals the
 * requested event count; the count is exact, so the final arrivals may fall slightly after the
 * planned end (continuing at the base rate). Times are non-decreasing by construction.
 */
public final class ArrivalSchedule {
    public static final int SLOTS = 1000;
    public static final int OPEN_CLOSE_SLOTS = 50;
    public static final double OPEN_CLOSE_MULTIPLIER = 10.0;
    public static final double BURST_MULTIPLIER = 5.0;
    public static final double BURST_PROBABILITY = 0.02;

    private final double[] multiplier = new double[SLOTS];
    private final double[] cumulative = new double[SLOTS + 1];
    private final long startNanos;
    private final long sessionNanos;
    private final double meanGap;
    private final SplittableRandom rnd;
    private double operational;
    private int slot;
    private long lastNanos;

    public ArrivalSchedule(long events, long startNanos, long sessionNanos, SplittableRandom burstRnd,
                           SplittableRandom gapRnd) {
        for (int i = 0; i < SLOTS; i++) {
            boolean edge = i < OPEN_CLOSE_SLOTS || i >= SLOTS - OPEN_CLOSE_SLOTS;
            boolean burst = !edge && burstRnd.nextDouble() < BURST_PROBABILITY;
            multiplier[i] = edge ? OPEN_CLOSE_MULTIPLIER : burst ? BURST_MULTIPLIER : 1.0;
            cumulative[i + 1] = cumulative[i] + multiplier[i];
        }
        this.startNanos = startNanos;
        this.sessionNanos = sessionNanos;
        this.meanGap = events == 0 ? 1.0 : cumulative[SLOTS] / events;
        this.rnd = gapRnd;
        this.lastNanos = startNanos;
    }

    /** Intensity multiplier of slot i (0-based): 1, the burst or the open/close multiplier. */
    public double multiplier(int i) {
        return multiplier[i];
    }

    /** Length of one slot, ns. */
    public double slotNanos() {
        return (double) sessionNanos / SLOTS;
    }

    /** The next arrival, ns since the Unix epoch. */
    public long next() {
        operational += -StrictMath.log(1.0 - rnd.nextDouble()) * meanGap;
        while (slot < SLOTS && cumulative[slot + 1] <= operational) {
            slot++;
        }
        double slotsElapsed = slot < SLOTS
                ? slot + (operational - cumulative[slot]) / multiplier[slot]
                : SLOTS + (operational - cumulative[SLOTS]);
        long t = startNanos + (long) (slotsElapsed * slotNanos());
        lastNanos = Math.max(lastNanos, t);
        return lastNanos;
    }
}
