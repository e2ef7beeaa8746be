package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.openhft.affinity.AffinityLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pinning records must tell the truth. These run on fresh threads (pinning changes the calling
 * thread) on whatever CPUs this machine has: the expected CPUs are derived from the process's
 * allowed CPU list, read here from the kernel, through {@link #reservable} and
 * {@link #anyCpuChoice}, a model of the affinity library's choice that is itself tested on
 * injected CPU sets (one CPU, two, many, isolated ones).
 */
class ThreadPinningTest {
    private static final BenchId ID = new BenchId("dev.tailgate.bench.Test.pin", Map.of("payloadBytes", "16"));

    @TempDir
    Path dir;

    /** The CPUs this process may run on, as the kernel says (not as the library reports). */
    private static BitSet allowed() {
        List<Integer> cpus = AllowedCpus.listIn(Path.of("/proc/self/status")).orElseThrow();
        BitSet set = new BitSet();
        cpus.forEach(set::set);
        return set;
    }

    /** What the affinity library hands out for "any CPU" now, on this machine, with no lock taken. */
    private static int libraryChoice() {
        return anyCpuChoice(reservable(AffinityLock.PROCESSORS, allowed()), new BitSet());
    }

    /**
     * The CPUs the affinity library (OpenHFT, without {@code affinity.reserved}) will lock for
     * "any CPU": the ones below {@code processors} outside the process's allowed set (isolated
     * CPUs), else, when there are none, every CPU but 0.
     */
    static BitSet reservable(int processors, BitSet allowed) {
        BitSet r = new BitSet();
        r.set(1, Math.max(1, processors));
        r.andNot(allowed);
        if (r.isEmpty()) {
            r.set(1, Math.max(1, processors));
        }
        return r;
    }

    /** Its choice: the highest reservable CPU not already taken (never CPU 0); -1 when none is left. */
    static int anyCpuChoice(BitSet reservable, BitSet taken) {
        BitSet free = (BitSet) reservable.clone();
        free.andNot(taken);
        free.clear(0);
        return free.isEmpty() ? -1 : free.length() - 1;
    }

    @BeforeEach
    void linux() {
        assumeTrue(AllowedCpus.readable(), "needs /proc/thread-self/status");
    }

    private BenchConfig config(String... kv) {
        Map<String, String> m = new java.util.HashMap<>();
        m.put(BenchConfig.PINNING_DIR, dir.toString());
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return BenchConfig.of(m);
    }

    /** Runs {@code task} on a new thread and returns its result. */
    private static <T> T onFreshThread(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "pin-test");
        t.start();
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void aClientThreadWithoutACpuOfItsOwnSharesTheClientCpusAndSaysWhy() throws Exception {
        int cpu = allowed().nextSetBit(0);
        String why = "OVERLOAD: 2 client threads on 1 client CPU(s) [" + cpu + "]";
        PinningRecord r = onFreshThread(() -> {
            try (PinnedThread p = ThreadPinning.shareClientCpus(config(BenchConfig.CPU_CLIENTS, String.valueOf(cpu)), ID,
                    "RESP2", why)) {
                return p.record();
            }
        });
        assertEquals(PinRole.CLIENT, r.role());
        assertEquals(PinningOutcome.NOT_BOUND, r.outcome(), "no lock of its own: never BOUND");
        assertEquals(why, r.reason());
        assertEquals(String.valueOf(cpu), r.allowedCpus(), "moved onto the client CPUs it shares");
        assertNull(r.lockCpuId());
        assertEquals(List.of(r), PinningRecords.readAll(dir));
    }

    @Test
    void clientThreadIsBoundToTheLibrarysCpuAndTheFileSaysWhatTheKernelSays() throws Exception {
        String[] kernelView = new String[1];
        PinningRecord r = onFreshThread(() -> {
            try (PinnedThread p = ThreadPinning.pinClient(config(), ID, "RESP2")) {
                kernelView[0] = AllowedCpus.ofCurrentThread().orElseThrow();
                return p.record();
            }
        });
        int cpu = libraryChoice();
        assertEquals(kernelView[0], r.allowedCpus(), "the record holds the kernel's view");
        if (cpu < 0) {
            // one CPU: nothing to reserve, however pinned the thread may look
            assertEquals(PinningOutcome.NOT_BOUND, r.outcome());
            assertEquals(-1, r.lockCpuId());
            assertTrue(r.reason().contains("cpu -1"), r.reason());
        } else {
            assertEquals(PinningOutcome.BOUND, r.outcome(), r.reason());
            assertEquals(String.valueOf(cpu), r.allowedCpus());
            assertEquals(cpu, r.lockCpuId());
            assertEquals(true, r.lockBound());
            assertNull(r.reason());
        }

        assertEquals(List.of(r), PinningRecords.readAll(dir), "the file holds exactly what was decided");
        assertEquals("pin-test", r.thread());
        assertEquals(-1, r.requestedCpu());
        assertEquals("RESP2", r.protocol());
        assertEquals(ID.params(), r.params());
        assertTrue(r.affinityImpl().contains("LinuxJNAAffinity"), r.affinityImpl());
        try (Stream<Path> files = Files.list(dir)) {
            JsonNode f = new ObjectMapper().readTree(files.findFirst().orElseThrow().toFile());
            assertEquals("client", f.get("role").asText(), "roles are written by label");
            assertEquals(r.outcome().name(), f.get("outcome").asText());
            assertEquals(kernelView[0], f.get("allowedCpus").asText());
        }
    }

    @Test
    void pinFalseIsRecordedAsDisabledAndLeavesAffinityAlone() throws Exception {
        String[] before = new String[1];
        PinningRecord r = onFreshThread(() -> {
            before[0] = AllowedCpus.ofCurrentThread().orElseThrow();
            try (PinnedThread p = ThreadPinning.pinClient(config(BenchConfig.PIN, "false"), ID, null)) {
                return p.record();
            }
        });
        assertEquals(PinningOutcome.DISABLED, r.outcome());
        assertEquals(before[0], r.allowedCpus());
        assertNull(r.lockCpuId());
        assertEquals(PinningOutcome.DISABLED, PinningRecords.readAll(dir).get(0).outcome());
    }

    /**
     * Pins a chain of threads, each started by the previous one while it holds its CPU, until
     * {@code remaining} CPUs are taken; returns the record of the thread after the last.
     */
    private PinningRecord pinChain(int remaining) throws Exception {
        return onFreshThread(() -> {
            try (PinnedThread p = ThreadPinning.pinClient(config(), ID, null)) {
                if (remaining == 0) {
                    return p.record();
                }
                assertEquals(PinningOutcome.BOUND, p.record().outcome(), p.record().reason());
                return pinChain(remaining - 1);
            }
        });
    }

    /**
     * The trap the checks exist for: a thread started by a pinned thread inherits its CPU, so its
     * allowed list names one CPU although the library had none left and gave it cpu -1. Every
     * reservable CPU is taken first, by a chain of pinned threads, so this holds on any CPU count.
     */
    @Test
    void inheritedAffinityWithAnUnboundLockIsNotBound() throws Exception {
        BitSet reservable = reservable(AffinityLock.PROCESSORS, allowed());
        PinningRecord last = pinChain(reservable.cardinality());
        String expected = reservable.isEmpty() ? AllowedCpus.format(allowed().stream().boxed().toList())
                : String.valueOf(reservable.nextSetBit(0));
        assertEquals(expected, last.allowedCpus(), "inherited from the last pinned thread");
        assertEquals(-1, last.lockCpuId());
        assertEquals(PinningOutcome.NOT_BOUND, last.outcome());
        assertTrue(last.reason().contains("cpu -1"), last.reason());
    }

    @Test
    void aCpuTheLibraryWillNotGiveIsNotBound() throws Exception {
        PinningRecord r = onFreshThread(() -> {
            try (PinnedThread p = ThreadPinning.pinClient(config(BenchConfig.CPU_CLIENTS, "0"), ID, null)) {
                return p.record();
            }
        });
        assertEquals(0, r.requestedCpu());
        assertEquals(PinningOutcome.NOT_BOUND, r.outcome());
        String why = libraryChoice() < 0 ? "cpu -1" : "instead of requested CPU 0";
        assertTrue(r.reason().contains(why), r.reason());
    }

    @Test
    void echoServerThreadSitsOnTheServerCpu() throws Exception {
        int cpu = allowed().nextSetBit(0);
        PinningRecord r = onFreshThread(() -> ThreadPinning.pinServer(
                config(BenchConfig.CPU_SERVER, String.valueOf(cpu)), ID, PinRole.ECHO_SERVER).record());
        assertEquals(PinningOutcome.BOUND, r.outcome(), r.reason());
        assertEquals(String.valueOf(cpu), r.allowedCpus());
        assertEquals("Affinity.setAffinity", r.pinMethod());

        PinningRecord unplanned = onFreshThread(() ->
                ThreadPinning.pinServer(config(), ID, PinRole.ECHO_SERVER).record());
        assertEquals(PinningOutcome.NOT_BOUND, unplanned.outcome());
        assertEquals(List.of(PinRole.ECHO_SERVER, PinRole.ECHO_SERVER),
                PinningRecords.readAll(dir).stream().map(PinningRecord::role).toList());
    }

    @Test
    void aCpuThatDoesNotExistIsNotBoundAndSaysWhy() throws Exception {
        String absent = String.valueOf(AffinityLock.PROCESSORS + 1);
        PinningRecord client = onFreshThread(() -> {
            try (PinnedThread p = ThreadPinning.pinClient(config(BenchConfig.CPU_CLIENTS, absent), ID, null)) {
                return p.record();
            }
        });
        assertEquals(PinningOutcome.NOT_BOUND, client.outcome());
        assertTrue(client.reason().contains("requested CPU " + absent), client.reason());
        PinningRecord server = onFreshThread(() ->
                ThreadPinning.pinServer(config(BenchConfig.CPU_SERVER, absent), ID, PinRole.ECHO_SERVER).record());
        assertEquals(PinningOutcome.NOT_BOUND, server.outcome());
        assertTrue(server.reason().contains("CPU " + absent + " failed"), server.reason());
    }

    /** Pins through {@code pinThread} on a fresh thread; returns what the sender would print, and its bound CPU. */
    private static String senderPin(boolean pin, List<Integer> cpus) throws Exception {
        return onFreshThread(() -> {
            try (PinnedThread p = ThreadPinning.pinThread("dev.tailgate.Sender", PinRole.CLIENT, pin, cpus)) {
                return p.describe() + " / " + p.boundCpu().map(String::valueOf).orElse("none");
            }
        });
    }

    /**
     * Open-loop senders and the tail sampler: the same check as a client thread, in the words the
     * tail state uses, and no record in the run's pinning directory (they are not a trial's threads).
     */
    @Test
    void aSenderOutsideATrialIsJudgedAsAClientAndWritesNoRecord() throws Exception {
        int cpu = libraryChoice();
        String any = senderPin(true, List.of());
        if (cpu < 0) {
            assertTrue(any.startsWith("pinning FAILED (") && any.contains("cpu -1") && any.endsWith(" / none"), any);
        } else {
            assertEquals("pinned to CPU " + cpu + " / " + cpu, any);
        }
        String zero = senderPin(true, List.of(0));
        assertTrue(zero.startsWith("pinning FAILED (") && zero.endsWith(" / none"), "the library never locks CPU 0: " + zero);
        assertEquals("not pinned (disabled) / none", senderPin(false, List.of(1)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    private static BitSet cpus(int... ids) {
        BitSet set = new BitSet();
        IntStream.of(ids).forEach(set::set);
        return set;
    }

    @Test
    void theLibraryModelOnInjectedCpuSets() {
        // one CPU: nothing reservable, every request gets cpu -1
        assertEquals(cpus(), reservable(1, cpus(0)));
        assertEquals(-1, anyCpuChoice(reservable(1, cpus(0)), cpus()));
        // two CPUs, none isolated (the build VM): CPU 1, then none
        assertEquals(cpus(1), reservable(2, cpus(0, 1)));
        assertEquals(1, anyCpuChoice(cpus(1), cpus()));
        assertEquals(-1, anyCpuChoice(cpus(1), cpus(1)));
        // eight CPUs, none isolated: highest first, never CPU 0
        assertEquals(cpus(1, 2, 3, 4, 5, 6, 7), reservable(8, cpus(0, 1, 2, 3, 4, 5, 6, 7)));
        assertEquals(7, anyCpuChoice(reservable(8, cpus(0, 1, 2, 3, 4, 5, 6, 7)), cpus()));
        assertEquals(5, anyCpuChoice(reservable(8, cpus(0, 1, 2, 3, 4, 5, 6, 7)), cpus(6, 7)));
        assertEquals(-1, anyCpuChoice(cpus(1, 2), cpus(1, 2)));
        // CPUs 4-7 isolated (outside the process's set): only those are reservable
        assertEquals(cpus(4, 5, 6, 7), reservable(8, cpus(0, 1, 2, 3)));
        assertEquals(4, anyCpuChoice(cpus(4, 5, 6, 7), cpus(5, 6, 7)));
    }

    @Test
    void parsesKernelCpuLists() {
        assertTrue(AllowedCpus.isExactly("1", 1));
        assertTrue(!AllowedCpus.isExactly("0-1", 1));
        assertTrue(!AllowedCpus.isExactly("1,3", 1));
        assertEquals(6, AllowedCpus.parse("0-2,5,7-8").cardinality());
    }
}
