package dev.tailgate.bench.support;

import java.util.Optional;
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

    /** The one CPU the thread is confined to, when the outcome is BOUND. */
    public Optional<Integer> boundCpu() {
        if (record.outcome() != PinningOutcome.BOUND) {
            return Optional.empty();
        }
        return Optional.of(record.lockCpuId() != null ? record.lockCpuId() : record.requestedCpu());
    }

    /**
     * The sender's pinning in the words the tail state and the open-loop logs use:
     * "pinned to CPU n", "not pinned (disabled)" or "pinning FAILED (...)".
     */
    public String describe() {
        if (record.outcome() == PinningOutcome.DISABLED) {
            return "not pinned (disabled)";
        }
        return boundCpu().map(cpu -> "pinned to CPU " + cpu).orElseGet(() -> "pinning FAILED (" + record.reason()
                + "; thread may run on " + record.allowedCpus() + ")");
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.release();
        }
    }
}
