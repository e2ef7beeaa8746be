package dev.tailgate.bench.openloop;

/** A clock that only moves when told; as a pacer it jumps straight to the deadline. */
public final class FakeClock implements NanoClock, Pacer {
    private long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void awaitUntil(long deadlineNanos) {
        if (deadlineNanos > now) {
            now = deadlineNanos;
        }
    }

    public void advance(long nanos) {
        now += nanos;
    }

    public void set(long nanos) {
        if (nanos < now) {
            throw new IllegalArgumentException("time runs forward: " + nanos + " < " + now);
        }
        now = nanos;
    }
}
