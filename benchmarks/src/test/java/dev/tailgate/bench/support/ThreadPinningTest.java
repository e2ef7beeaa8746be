package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pinning records must tell the truth. These run on fresh threads (pinning changes the calling
 * thread) and expect the affinity library's behaviour on a Linux machine with two CPUs, like
 * the build VM: no isolated CPUs, so it reserves CPU 1 and never hands out CPU 0.
 */
class ThreadPinningTest {
    private static final BenchId ID = new BenchId("dev.tailgate.bench.Test.pin", Map.of("payloadBytes", "16"));

    @TempDir
    Path dir;

    @BeforeEach
    void linuxWithTwoCpus() {
        assumeTrue(AllowedCpus.readable(), "needs /proc/thread-self/status");
        assumeTrue(Runtime.getRuntime().availableProcessors() == 2, "expectations are for a 2-CPU machine");
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
    void clientThreadIsBoundToCpu1AndTheFileSaysWhatTheKernelSays() throws Exception {
        String[] kernelView = new String[1];
        PinningRecord r = onFreshThread(() -> {
            try (PinnedThread p = ThreadPinning.pinClient(config(), ID, "RESP2")) {
                kernelView[0] = AllowedCpus.ofCurrentThread().orElseThrow();
                return p.record();
            }
        });
        assertEquals(PinningOutcome.BOUND, r.outcome(), r.reason());
        assertEquals("1", r.allowedCpus());
        assertEquals("1", kernelView[0]);
        assertEquals(1, r.lockCpuId());
        assertEquals(true, r.lockBound());
        assertNull(r.reason());

        assertEquals(List.of(r), PinningRecords.readAll(dir), "the file holds exactly what was decided");
        assertEquals("pin-test", r.thread());
        assertEquals(-1, r.requestedCpu());
        assertEquals("RESP2", r.protocol());
        assertEquals(ID.params(), r.params());
        assertTrue(r.affinityImpl().contains("LinuxJNAAffinity"), r.affinityImpl());
        try (Stream<Path> files = Files.list(dir)) {
            JsonNode f = new ObjectMapper().readTree(files.findFirst().orElseThrow().toFile());
            assertEquals("client", f.get("role").asText(), "roles are written by label");
            assertEquals("BOUND", f.get("outcome").asText());
            assertEquals("1", f.get("allowedCpus").asText());
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
     * The trap the checks exist for: a thread started by a pinned thread inherits its CPU, so
     * its allowed list reads "1" although the library had no CPU left and gave it cpu -1.
     */
    @Test
    void inheritedAffinityWithAnUnboundLockIsNotBound() throws Exception {
        PinningRecord second = onFreshThread(() -> {
            try (PinnedThread first = ThreadPinning.pinClient(config(), ID, null)) {
                assertEquals(PinningOutcome.BOUND, first.record().outcome(), first.record().reason());
                return onFreshThread(() -> {
                    try (PinnedThread p = ThreadPinning.pinClient(config(), ID, null)) {
                        return p.record();
                    }
                });
            }
        });
        assertEquals("1", second.allowedCpus(), "inherited from the pinned parent");
        assertEquals(-1, second.lockCpuId());
        assertEquals(PinningOutcome.NOT_BOUND, second.outcome());
        assertTrue(second.reason().contains("cpu -1"), second.reason());
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
        assertTrue(r.reason().contains("instead of requested CPU 0"), r.reason());
    }

    @Test
    void echoServerThreadSitsOnTheServerCpu() throws Exception {
        PinningRecord r = onFreshThread(() ->
                ThreadPinning.pinServer(config(BenchConfig.CPU_SERVER, "0"), ID, PinRole.ECHO_SERVER).record());
        assertEquals(PinningOutcome.BOUND, r.outcome(), r.reason());
        assertEquals("0", r.allowedCpus());
        assertEquals("Affinity.setAffinity", r.pinMethod());

        PinningRecord unplanned = onFreshThread(() ->
                ThreadPinning.pinServer(config(), ID, PinRole.ECHO_SERVER).record());
        assertEquals(PinningOutcome.NOT_BOUND, unplanned.outcome());
        assertEquals(List.of(PinRole.ECHO_SERVER, PinRole.ECHO_SERVER),
                PinningRecords.readAll(dir).stream().map(PinningRecord::role).toList());
    }

    @Test
    void aCpuThatDoesNotExistIsNotBoundAndSaysWhy() throws Exception {
        PinningRecord client = onFreshThread(() -> {
            try (PinnedThread p = ThreadPinning.pinClient(config(BenchConfig.CPU_CLIENTS, "5"), ID, null)) {
                return p.record();
            }
        });
        assertEquals(PinningOutcome.NOT_BOUND, client.outcome());
        assertTrue(client.reason().contains("requested CPU 5"), client.reason());
        PinningRecord server = onFreshThread(() ->
                ThreadPinning.pinServer(config(BenchConfig.CPU_SERVER, "5"), ID, PinRole.ECHO_SERVER).record());
        assertEquals(PinningOutcome.NOT_BOUND, server.outcome());
        assertTrue(server.reason().contains("CPU 5 failed"), server.reason());
    }

    @Test
    void parsesKernelCpuLists() {
        assertTrue(AllowedCpus.isExactly("1", 1));
        assertTrue(!AllowedCpus.isExactly("0-1", 1));
        assertTrue(!AllowedCpus.isExactly("1,3", 1));
        assertEquals(6, AllowedCpus.parse("0-2,5,7-8").cardinality());
    }
}
