package dev.tailgate.dataset;

import java.util.Locale;

/**
 * What a dataset write or load did.
 *
 * @param events       events written
 * @param ticks        of which ticks
 * @param orders       of which orders
 * @param trades       of which trades
 * @param commands     Redis commands sent (0 for a file)
 * @param elapsedNanos wall time of the write, generation included
 */
public record DatasetSummary(long events, long ticks, long orders, long trades, long commands, long elapsedNanos) {
    public DatasetSummary {
        if (events != ticks + orders + trades) {
            throw new IllegalArgumentException("events " + events + " != ticks + orders + trades");
        }
        if (elapsedNanos < 0) {
            throw new IllegalArgumentException("elapsedNanos < 0");
        }
    }

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    /** Events per second; 0 when nothing was timed. */
    public double eventsPerSecond() {
        return elapsedNanos == 0 ? 0.0 : events / seconds();
    }

    /** The one summary line on stdout, locale-independent. */
    public String line(String where) {
        return String.format(Locale.ROOT, "dataset: %d events (%d ticks, %d orders, %d trades) -> %s in %.3f s: %.0f events/s",
                events, ticks, orders, trades, where, seconds(), eventsPerSecond());
    }
}
