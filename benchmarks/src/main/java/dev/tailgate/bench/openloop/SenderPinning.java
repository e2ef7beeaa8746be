package dev.tailgate.bench.openloop;

import dev.tailgate.bench.support.AllowedCpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.openhft.affinity.AffinityLock;

/**
 * Pins the calling thread with OpenHFT's AffinityLock and checks what really happened. The
 * library never throws when it cannot pin (docs/foundations.md: a lock with cpu -1, or a no-op
 * implementation without JNA that still reports success), so the outcome is read back from
 * {@code /proc/thread-self/status} ({@code Cpus_allowed_list}) and {@link Outcome#verified()} is
 * true only if the thread may run on exactly the locked CPU.
 */
public final class SenderPinning implements AutoCloseable {

    /**
     * @param requested    pinning was asked for
     * @param lockCpu      CPU the library says it locked, -1 if none
     * @param lockBound    the library's own {@code isBound()}
     * @param cpusAllowed  the thread's real affinity afterwards (empty if unreadable)
     * @param verified     the thread is confined to {@code lockCpu}
     */
    public record Outcome(boolean requested, int lockCpu, boolean lockBound, List<Integer> cpusAllowed, boolean verified) {
        public Outcome {
            cpusAllowed = List.copyOf(cpusAllowed);
        }

        public String describe() {
            if (!requested) {
                return "not pinned (disabled)";
            }
            return verified ? "pinned to CPU " + lockCpu
                    : "pinning FAILED (lock cpu " + lockCpu + ", bound " + lockBound + ", thread may run on " + cpusAllowed + ")";
        }
    }

    private final AffinityLock lock;
    private final Outcome outcome;

    private SenderPinning(AffinityLock lock, Outcome outcome) {
        this.lock = lock;
        this.outcome = outcome;
    }

    /**
     * Pins the calling thread to the first of {@code preferredCpus} (or one the library picks when
     * the list is empty); {@code pin=false} only records the thread's affinity.
     */
    public static SenderPinning pinCurrentThread(boolean pin, List<Integer> preferredCpus) {
        if (!pin) {
            return new SenderPinning(null, new Outcome(false, -1, false, threadCpus().orElse(List.of()), false));
        }
        AffinityLock lock;
        try {
            lock = preferredCpus.isEmpty() ? AffinityLock.acquireLock() : AffinityLock.acquireLock(preferredCpus.get(0));
        } catch (RuntimeException | LinkageError e) {
            return new SenderPinning(null, new Outcome(true, -1, false, threadCpus().orElse(List.of()), false));
        }
        List<Integer> allowed = threadCpus().orElse(List.of());
        int cpu = lock.cpuId();
        boolean verified = cpu >= 0 && lock.isBound() && allowed.equals(List.of(cpu));
        return new SenderPinning(lock, new Outcome(true, cpu, lock.isBound(), allowed, verified));
    }

    public Outcome outcome() {
        return outcome;
    }

    /** {@code Cpus_allowed_list} of the calling thread (Linux). */
    public static Optional<List<Integer>> threadCpus() {
        return AllowedCpus.listIn(Path.of("/proc/thread-self/status"));
    }

    /**
     * Lets the calling thread run on every CPU of the process except {@code cpu}. A thread
     * inherits its creator's affinity, so helpers started from the pinned sender (receiver, hiccup
     * meter) would otherwise share — and steal — the sender's CPU. No-op if nothing would remain.
     */
    public static void keepCurrentThreadOff(Optional<Integer> cpu) {
        keepCurrentThreadOff(cpu.map(List::of).orElse(List.of()));
    }

    /** As {@link #keepCurrentThreadOff(Optional)}, for several CPUs (every client CPU of a plan). */
    public static void keepCurrentThreadOff(java.util.Collection<Integer> cpus) {
        if (cpus.isEmpty()) {
            return;
        }
        try {
            List<Integer> process = AllowedCpus.listIn(Path.of("/proc/self/status")).orElse(List.of());
            java.util.BitSet set = new java.util.BitSet();
            process.stream().filter(c -> !cpus.contains(c)).forEach(set::set);
            if (!set.isEmpty()) {
                net.openhft.affinity.Affinity.setAffinity(set);
            }
        } catch (RuntimeException | LinkageError e) {
            // best effort: the thread keeps the inherited affinity, the outcome records stay true
        }
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.release();
        }
    }
}
