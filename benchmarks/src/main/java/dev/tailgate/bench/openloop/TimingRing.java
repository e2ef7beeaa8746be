package dev.tailgate.bench.openloop;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Single-producer single-consumer ring of (intended start, actual send) pairs for requests in
 * flight. Replies on one RESP connection come back in request order, so the receiver matches
 * each reply to the oldest entry (FIFO). Primitive arrays, no per-request allocation.
 * The producer publishes an entry before writing the request, so a reply never finds the ring
 * empty. Each entry may carry an int tag (the mix driver's command and end-of-batch mark).
 */
final class TimingRing {
    private final long[] intended;
    private final long[] sent;
    private final int[] tags;
    private final int mask;
    private final AtomicLong head = new AtomicLong(); // next to consume
    private final AtomicLong tail = new AtomicLong(); // next to produce

    TimingRing(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityPowerOfTwo);
        }
        intended = new long[capacityPowerOfTwo];
        sent = new long[capacityPowerOfTwo];
        tags = new int[capacityPowerOfTwo];
        mask = capacityPowerOfTwo - 1;
    }

    /** Producer: false if full (too many requests in flight). */
    boolean offer(long intendedNanos, long sentNanos) {
        return offer(intendedNanos, sentNanos, 0);
    }

    /** Producer: as {@link #offer(long, long)}, with a tag the consumer reads back ({@link #peekTag()}). */
    boolean offer(long intendedNanos, long sentNanos, int tag) {
        long t = tail.get();
        if (t - head.get() >= intended.length) {
            return false;
        }
        int i = (int) (t & mask);
        intended[i] = intendedNanos;
        sent[i] = sentNanos;
        tags[i] = tag;
        tail.lazySet(t + 1);
        return true;
    }

    /** Consumer: number of entries in flight. */
    long size() {
        return tail.get() - head.get();
    }

    /** Consumer: intended start of the oldest entry (ring must be non-empty). */
    long peekIntended() {
        return intended[(int) (head.get() & mask)];
    }

    /** Consumer: actual send of the oldest entry (ring must be non-empty). */
    long peekSent() {
        return sent[(int) (head.get() & mask)];
    }

    /** Consumer: tag of the oldest entry (ring must be non-empty). */
    int peekTag() {
        return tags[(int) (head.get() & mask)];
    }

    /** Entries the ring holds at most. */
    int capacity() {
        return intended.length;
    }

    /** Consumer: drops the oldest entry. */
    void pop() {
        head.lazySet(head.get() + 1);
    }
}
