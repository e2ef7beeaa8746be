package dev.tailgate.bench.trading;

import dev.tailgate.bench.support.AllowedCpus;

import net.openhft.affinity.AffinityLock;

/**
 * Best-effort CPU pinning of one thread, with the outcome said, not assumed: OpenHFT affinity
 * never throws when it cannot pin (FACTS.md), so the lock's {@code isBound()}/{@code cpuId()}
 * are what gets reported. On a 2-core machine only CPU 1 is reservable, so producer and
 * consumer cannot both be pinned: the second reports "not pinned". Disabled with
 * {@code -Dtailgate.pin=false}.
 */
final class Pinning implements AutoCloseable {
    private final AffinityLock lock;
    private final String outcome;

    private Pinning(AffinityLock lock, String outcome) {
        this.lock = lock;
        this.outcome = outcome;
    }

    /** Pins the calling thread if possible. */
    static Pinning acquire(String role) {
        if (!Boolean.parseBoolean(System.getProperty("tailgate.pin", "true"))) {
            return new Pinning(null, role + " not pinned (tailgate.pin=false)");
        }
        try {
            AffinityLock l = AffinityLock.acquireLock();
            if (l.isBound() && l.cpuId() >= 0) {
                // The lock's word is not enough (FACTS.md): only the thread's real allowed-CPU
                // list says whether it is pinned.
                java.util.Optional<String> allowed = AllowedCpus.ofCurrentThread();
                if (allowed.isPresent() && AllowedCpus.isExactly(allowed.get(), l.cpuId())) {
                    return new Pinning(l, role + " pinned to cpu " + l.cpuId());
                }
                l.release();
                return new Pinning(null, role + " not pinned (lock for cpu " + l.cpuId() + " but allowed on "
                        + allowed.orElse("unknown") + ")");
            }
            l.release();
            return new Pinning(null, role + " not pinned (no free cpu)");
        } catch (RuntimeException | LinkageError e) {
            return new Pinning(null, role + " not pinned (" + e.getClass().getSimpleName() + ")");
        }
    }

    String outcome() {
        return outcome;
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.release();
        }
    }
}
