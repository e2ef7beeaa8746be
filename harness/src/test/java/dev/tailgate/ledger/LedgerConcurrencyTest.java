package dev.tailgate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends from several OS processes at once must end in one intact chain: no entry lost, none
 * chained onto the same predecessor twice, no interleaved bytes. Separate processes matter:
 * threads of one JVM would only exercise the in-process lock, not the file lock.
 */
class LedgerConcurrencyTest {

    private static final int WRITERS = 4;
    /**
     * Each append takes the file lock and forces the file to disk, so four writers' appends race
     * for the lock from the first "go" to the last append. 250 each is a thousand contended
     * appends, which the chain, count and order checks below cover one by one, and the
     * interleaving check confirms they did race; 1,000 each spent most of the test's 10 s on fsync.
     */
    private static final int PER_WRITER = 250;

    @TempDir
    Path dir;

    @Test
    void fourProcessesAppendingConcurrentlyLeaveAnIntactChain() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> workers = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                workers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        LedgerAppendWorker.class.getName(), file.toString(), "writer-" + w,
                        String.valueOf(PER_WRITER))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
            // Start them together: each says "ready" once its JVM is up, then all get "go".
            for (Process p : workers) {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertEquals("ready", out.readLine());
            }
            for (Process p : workers) {
                OutputStream in = p.getOutputStream();
                in.write("go\n".getBytes(StandardCharsets.US_ASCII));
                in.flush();
            }
            for (Process p : workers) {
                assertTrue(p.waitFor(5, TimeUnit.MINUTES), "writer did not finish in 5 minutes");
                assertEquals(0, p.exitValue(), "writer exit code");
            }
        } finally {
            workers.forEach(Process::destroyForcibly);
        }

        VerifyReport report = Ledger.open(file).verify();
        assertEquals(List.of(), report.problems());
        assertEquals(WRITERS * PER_WRITER, report.lines());
        assertEquals(WRITERS * PER_WRITER, report.head().orElseThrow().seq());

        // Every writer's entries are all there, each exactly once and in its own order.
        Map<String, Integer> nextIndex = new HashMap<>();
        boolean interleaved = false;
        String previousWriter = null;
        for (LedgerEntry e : Ledger.open(file).read().entries()) {
            int expected = nextIndex.getOrDefault(e.user(), 0);
            assertEquals(TestDrafts.T0.plusSeconds(expected), e.time(), e.user());
            nextIndex.put(e.user(), expected + 1);
            interleaved |= previousWriter != null && !previousWriter.equals(e.user());
            previousWriter = e.user();
        }
        assertEquals(WRITERS, nextIndex.size());
        nextIndex.values().forEach(n -> assertEquals(PER_WRITER, n));
        assertTrue(interleaved, "writers never interleaved: the test did not exercise contention");
    }

    @Test
    void threadsOfOneJvmAppendSafelyToo() throws Exception {
        Path file = dir.resolve("threads.jsonl");
        Ledger ledger = Ledger.open(file);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            String writer = "thread-" + t;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        ledger.append(TestDrafts.gate(i, "PASS", writer));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), failures);
        VerifyReport report = ledger.verify();
        assertEquals(List.of(), report.problems());
        assertEquals(200, report.lines());
    }
}
