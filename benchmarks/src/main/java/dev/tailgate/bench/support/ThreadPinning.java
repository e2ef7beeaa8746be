package dev.tailgate.bench.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.openhft.affinity.Affinity;
import net.openhft.affinity.AffinityLock;

/**
 * Pins the calling thread as the core plan says, then checks what really happened.
 *
 * <p>OpenHFT's affinity library never throws when it cannot pin: it hands out a lock with
 * cpu -1 once its reservable CPUs run out, gives a different CPU than the one asked for
 * (it never hands out CPU 0), and without JNA uses a no-op implementation that still
 * "succeeds". A thread also inherits the affinity of the thread that created it, so an
 * unbound lock can sit on a thread that happens to look pinned. So the verdict here is taken
 * from the kernel ({@code /proc/thread-self/status}): BOUND only when the lock is bound to
 * the planned CPU and the thread's real allowed list is exactly that CPU.
 *
 * <p>Client threads take a lock from the library's inventory (so two benchmark threads never
 * share a CPU). The echo server is placed with {@code Affinity.setAffinity} on the server CPU
 * instead: that CPU is shared with Redis on purpose (the floor must be measured where Redis
 * runs), and it may be CPU 0, which the lock inventory never hands out.
 */
public final class ThreadPinning {
    private static final AtomicInteger NEXT_CLIENT_CPU = new AtomicInteger();

    private ThreadPinning() {
    }

    /** Pins the current benchmark thread to the next CPU of {@code tailgate.cpu.clients}. */
    public static PinnedThread pinClient(BenchConfig cfg, BenchId id, String protocol) {
        List<Integer> cpus = cfg.clientCpus();
        int requested = cpus.isEmpty() ? -1 : cpus.get(Math.floorMod(NEXT_CLIENT_CPU.getAndIncrement(), cpus.size()));
        Draft d = new Draft(cfg, id, PinRole.CLIENT, requested, protocol);
        if (!cfg.pin()) {
            return d.finish("none", null, d.allowedNow(), PinningOutcome.DISABLED, "tailgate.pin=false");
        }
        if (!supported()) {
            return d.finish("none", null, d.allowedNow(), PinningOutcome.UNSUPPORTED, unsupportedReason());
        }
        AffinityLock lock = requested >= 0 ? AffinityLock.acquireLock(requested) : AffinityLock.acquireLock();
        int target = requested >= 0 ? requested : lock.cpuId();
        String allowed = d.allowedNow();
        String why;
        if (lock.cpuId() < 0) {
            why = requested >= 0
                    ? "affinity library handed out no CPU (cpu -1) for requested CPU " + requested
                            + ": it does not exist or is not reservable"
                    : "affinity library handed out no CPU (cpu -1): none left to reserve";
        } else if (!lock.isBound()) {
            why = "affinity lock for CPU " + lock.cpuId() + " is not bound";
        } else if (lock.cpuId() != target) {
            why = "affinity library gave CPU " + lock.cpuId() + " instead of requested CPU " + requested;
        } else if (!AllowedCpus.isExactly(allowed, target)) {
            why = "real Cpus_allowed_list is \"" + allowed + "\", expected exactly " + target;
        } else {
            why = null;
        }
        return d.finish("AffinityLock", lock, allowed, why == null ? PinningOutcome.BOUND : PinningOutcome.NOT_BOUND, why);
    }

    /** Places the current thread on {@code tailgate.cpu.server}, next to Redis. */
    public static PinnedThread pinServer(BenchConfig cfg, BenchId id, PinRole role) {
        int requested = cfg.serverCpu();
        Draft d = new Draft(cfg, id, role, requested, null);
        if (!cfg.pin()) {
            return d.finish("none", null, d.allowedNow(), PinningOutcome.DISABLED, "tailgate.pin=false");
        }
        if (!supported()) {
            return d.finish("none", null, d.allowedNow(), PinningOutcome.UNSUPPORTED, unsupportedReason());
        }
        if (requested < 0) {
            return d.finish("none", null, d.allowedNow(), PinningOutcome.NOT_BOUND, "tailgate.cpu.server=-1: no server CPU planned");
        }
        try {
            Affinity.setAffinity(requested);
        } catch (RuntimeException e) {
            return d.finish("Affinity.setAffinity", null, d.allowedNow(), PinningOutcome.NOT_BOUND,
                    "setting affinity to CPU " + requested + " failed: " + e.getMessage());
        }
        String allowed = d.allowedNow();
        boolean exact = AllowedCpus.isExactly(allowed, requested);
        return d.finish("Affinity.setAffinity", null, allowed, exact ? PinningOutcome.BOUND : PinningOutcome.NOT_BOUND,
                exact ? null : "real Cpus_allowed_list is \"" + allowed + "\", expected exactly " + requested);
    }

    /**
     * Records a thread this suite deliberately leaves unpinned (e.g. Lettuce's Netty I/O
     * thread), with its real affinity, so the manifest shows it rather than hiding it.
     */
    public static PinningRecord recordUnpinned(BenchConfig cfg, BenchId id, PinRole role, String protocol, String reason) {
        Draft d = new Draft(cfg, id, role, -1, protocol);
        PinningOutcome outcome = !cfg.pin() ? PinningOutcome.DISABLED
                : supported() ? PinningOutcome.NOT_BOUND : PinningOutcome.UNSUPPORTED;
        return d.finish("none", null, d.allowedNow(), outcome, reason).record();
    }

    private static boolean supported() {
        return AllowedCpus.readable() && Affinity.isJNAAvailable();
    }

    private static String unsupportedReason() {
        return !AllowedCpus.readable() ? "no /proc/thread-self/status: real affinity cannot be checked"
                : "JNA not available: the affinity library would use its no-op implementation";
    }

    /** The parts of a record known before pinning is attempted. */
    private record Draft(BenchConfig cfg, BenchId id, PinRole role, int requested, String protocol) {
        String allowedNow() {
            return AllowedCpus.ofCurrentThread().orElse(PinningRecord.UNKNOWN);
        }

        /** {@code allowed} is the kernel's view the outcome was judged on, recorded as judged. */
        PinnedThread finish(String method, AffinityLock lock, String allowed, PinningOutcome outcome, String reason) {
            PinningRecord r = new PinningRecord(id.benchmark(), id.params(), role, Thread.currentThread().getName(),
                    ProcessHandle.current().pid(), requested, method,
                    lock == null ? null : lock.cpuId(), lock == null ? null : lock.isBound(),
                    Affinity.getAffinityImpl().getClass().getName(),
                    allowed, outcome, reason, protocol);
            cfg.pinningDir().ifPresent(dir -> PinningRecords.write(dir, r));
            return new PinnedThread(r, lock);
        }
    }
}
