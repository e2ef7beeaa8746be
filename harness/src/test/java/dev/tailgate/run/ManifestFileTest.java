package dev.tailgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.store.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main thread and the Ctrl-C hook both write manifest.json: each write must land whole,
 * and the first final status must stay.
 */
class ManifestFileTest {

    private static Manifest manifest(Manifest.Status status) {
        return new Manifest(Manifest.SCHEMA, "r1", "smoke", status, Optional.empty(), Instant.parse("2026-12-07T00:00:00Z"),
                Optional.empty(), List.of("tailgate", "run"), null, Optional.empty(), Map.of(), null, null, null, null,
                Optional.empty());
    }

    @Test
    void concurrentWritersNeverLeaveInvalidJson(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("manifest.json");
        JsonFiles.writeJson(target, Map.of("writer", -1));
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int id = w;
            // different sizes, so two writers sharing one temp file would leave a torn mix
            List<Integer> payload = IntStream.range(0, 2_000 * (id + 1)).boxed().toList();
            writers.add(new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 60; i++) {
                        JsonFiles.writeJson(target, Map.of("writer", id, "payload", payload));
                        JsonNode read = JsonFiles.json().readTree(target.toFile());
                        assertTrue(read.has("writer"), "a whole object");
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        writers.forEach(Thread::start);
        go.countDown();
        for (Thread t : writers) {
            t.join();
        }
        assertEquals(List.of(), failures.stream().map(String::valueOf).toList());
        JsonNode last = JsonFiles.json().readTree(target.toFile());
        assertEquals(2_000 * (last.get("writer").asInt() + 1), last.get("payload").size());
        try (var left = Files.list(dir)) {
            assertEquals(List.of(target), left.toList(), "no temp file left behind");
        }
    }

    @Test
    void firstFinalStatusStays(@TempDir Path dir) throws IOException {
        ManifestFile file = new ManifestFile(dir.resolve("manifest.json"));
        file.write(manifest(Manifest.Status.RUNNING));
        assertTrue(file.finish(manifest(Manifest.Status.COMPLETE)));
        assertFalse(file.finish(manifest(Manifest.Status.ABORTED)), "a late Ctrl-C hook leaves COMPLETE alone");
        file.write(manifest(Manifest.Status.RUNNING));
        assertEquals("COMPLETE", JsonFiles.json().readTree(file.path().toFile()).get("status").asText());
    }
}
