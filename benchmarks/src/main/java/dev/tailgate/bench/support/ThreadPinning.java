package dev.tailgate.bench.support;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.openhft.affinity.Affinity;
import net.openhft.affinity.AffinityLock;

/**
 * The suite's one pin-and-check: pins the calling thread as the core plan says, then checks
 * what really happened. Every pinned thread goes through here: JMH client threads, the echo
 * server, the hiccup meters, the one-way receivers, the open-loop senders and the harness's
 * tail sampler.
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
 *
 * <p>The contract, kept when the open-loop package's own pin-then-check was folded in here
 * because it is the stricter one: a CPU other than the requested one is NOT_BOUND (the other
 * check accepted any CPU the lock ended on); disabled, unsupported (no JNA, no /proc) and
 * failed pinning are told apart, each with a reason; and every outcome is a
 * {@link PinningRecord}, written to {@code tailgate.pinning.dir} when the caller has one.
 */
public final class ThreadPinning {
    private static final AtomicInteger NEXT_CLIENT_CPU = new AtomicInteger();

    private ThreadPinning() {
    }

    /** Pins the current benchmark thread to the next CPU of {@code tailgate.cpu.clients}. */
    public static PinnedThread pinClient(BenchConfig cfg, BenchId id, String protocol) {
        List<Integer> cpus = cfg.clientCpus();
        int requested = cpus.isEmpty() ? -1 : cpus.get(Math.floorMod(NEXT_CLIENT_CPU.getAndIncrement(), cpus.size()));
        return lockAndCheck(Draft.of(cfg, id, PinRole.CLIENT, requested, protocol));
    }

    /**
     * Pins the calling thread to the first of {@code cpus}, or to a CPU the library picks when
     * the list is empty; {@code pin=false} only records the thread's affinity. For threads
     * outside a closed-loop trial (open-loop senders and their hiccup meter, the harness's tail
     * sampler): the record is returned, not written.
     */
    public static PinnedThread pinThread(String owner, PinRole role, boolean pin, List<Integer> cpus) {
        return lockAndCheck(new Draft(Optional.empty(), pin, new BenchId(owner, Map.of()), role,
                cpus.isEmpty() ? -1 : cpus.get(0), null));
    }

    /**
     * For a client thread the core plan has no CPU for (more benchmark threads than client
     * CPUs): takes no affinity lock, lets the thread run on the client CPUs it must share
     * (best effort), and records it NOT_BOUND with {@code why} as the reason, so the manifest and
     * the pinning summary state the overload instead of a bare lock failure.
     */
    public static PinnedThread shareClientCpus(BenchConfig cfg, BenchId id, String protocol, String why) {
        if (cfg.pin() && supported() && !cfg.clientCpus().isEmpty()) {
            try {
                BitSet cpus = new BitSet();
                cfg.clientCpus().forEach(cpus::set);
                Affinity.setAffinity(cpus);
            } catch (RuntimeException | LinkageError e) {
                // the record below carries the thread's real affinity either way
            }
        }
        return new PinnedThread(recordUnpinned(cfg, id, PinRole.CLIENT, protocol, why), null);
    }

    /**
     * Places the receiving thread of a one-way measurement (stream consumer, subscriber): on a
     * client CPU of its own when the plan has two, else unpinned and moved off the client CPUs.
     * It was started by the pinned producer and would otherwise inherit the producer's CPU and
     * queue behind a producer that spins between sends.
     */
    public static PinnedThread pinReceiver(BenchConfig cfg, BenchId id, String protocol, String receiver) {
        if (cfg.clientCpus().size() >= 2) {
            return pinClient(cfg, id, protocol);
        }
        if (cfg.pin()) {
            keepCurrentThreadOff(cfg.clientCpus());
        }
        return new PinnedThread(recordUnpinned(cfg, id, PinRole.CONSUMER, protocol, "the core plan has one client CPU "
                + cfg.clientCpus() + ", taken by the producer: the " + receiver + " runs unpinned, off it"), null);
    }

    private static PinnedThread lockAndCheck(Draft d) {
        if (!d.pin()) {
            return d.finish("none", null, d.allowedNow(), PinningOutcome.DISABLED, "tailgate.pin=false");
        }
        if (!supported()) {
            return d.finish("none", null, d.allowedNow(), PinningOutcome.UNSUPPORTED, unsupportedReason());
        }
        int requested = d.requested();
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
        Draft d = Draft.of(cfg, id, role, requested, null);
        if (!d.pin()) {
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
        Draft d = Draft.of(cfg, id, role, -1, protocol);
        PinningOutcome outcome = !cfg.pin() ? PinningOutcome.DISABLED
                : supported() ? PinningOutcome.NOT_BOUND : PinningOutcome.UNSUPPORTED;
        return d.finish("none", null, d.allowedNow(), outcome, reason).record();
    }

    /**
     * Lets the calling thread run on every CPU of the process except {@code cpus}. A thread
     * inherits its creator's affinity, so a helper started from a pinned thread (receiver, hiccup
     * meter, a client library's I/O thread) would otherwise share, and steal, that thread's CPU.
     * Best effort and a no-op if nothing would remain: the helper's own record shows where it ran.
     */
    public static void keepCurrentThreadOff(Collection<Integer> cpus) {
        if (!cpus.isEmpty()) {
            allowProcessCpusExcept(cpus);
        }
    }

    /** Lets the calling thread run on every CPU of the process (undoing an inherited pin); best effort. */
    public static void releaseCurrentThread() {
        allowProcessCpusExcept(List.of());
    }

    private static void allowProcessCpusExcept(Collection<Integer> cpus) {
        try {
            BitSet rest = new BitSet();
            AllowedCpus.listIn(Path.of("/proc/self/status")).orElse(List.of()).stream()
                    .filter(c -> !cpus.contains(c)).forEach(rest::set);
            if (!rest.isEmpty()) {
                Affinity.setAffinity(rest);
            }
        } catch (RuntimeException | LinkageError e) {
            // the thread keeps the inherited affinity; its pinning record says which that is
        }
    }

    /** As {@link #keepCurrentThreadOff(Collection)} for at most one CPU. */
    public static void keepCurrentThreadOff(Optional<Integer> cpu) {
        keepCurrentThreadOff(cpu.map(List::of).orElse(List.of()));
    }

    private static boolean supported() {
        return AllowedCpus.readable() && Affinity.isJNAAvailable();
    }

    private static String unsupportedReason() {
        return !AllowedCpus.readable() ? "no /proc/thread-self/status: real affinity cannot be checked"
                : "JNA not available: the affinity library would use its no-op implementation";
    }

    /** The parts of a record known before pinning is attempted; {@code dir} is where it is written. */
    private record Draft(Optional<Path> dir, boolean pin, BenchId id, PinRole role, int requested, String protocol) {
        static Draft of(BenchConfig cfg, BenchId id, PinRole role, int requested, String protocol) {
            return new Draft(cfg.pinningDir(), cfg.pin(), id, role, requested, protocol);
        }

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
            dir.ifPresent(d -> PinningRecords.write(d, r));
            return new PinnedThread(r, lock);
        }
    }
}
