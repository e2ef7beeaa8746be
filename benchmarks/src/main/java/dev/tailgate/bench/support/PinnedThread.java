package dev.tailgate.bench.support;

import net.openhft.affinity.AffinityLock;

/**
 * The pinning of the current thread: its record, and the affinity lock to give back in
 * {@code @TearDown} (releasing resets the thread to the process's base affinity).
 */
public final class PinnedThread implements AutoCloseable {
    private final PinningRecord record;
    private final AffinityLock lock;

    PinnedThread(PinningRecord record, AffinityLock lock) {
        this.record = record;
        this.lock = lock;
    }

    public PinningRecord record() {
        return record;
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.release();
        }
    }
}
