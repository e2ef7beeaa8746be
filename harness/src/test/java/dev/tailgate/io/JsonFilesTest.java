package dev.tailgate.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {
    @TempDir
    Path dir;

    record Sample(String name, Instant at, Optional<String> note) {
    }

    /** Serialises half of itself, then fails: what a serialiser meeting a bad value does. */
    @JsonSerialize(using = HalfThenFail.class)
    record Poisoned(String name) {
    }

    static final class HalfThenFail extends JsonSerializer<Poisoned> {
        @Override
        public void serialize(Poisoned value, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartObject();
            g.writeStringField("name", value.name().repeat(10_000));
            g.flush();
            throw new IOException("serialiser failed midway");
        }
    }

    @Test
    void writesJsonWithIsoInstantsAndReplacesTheOldContent() throws IOException {
        Path file = dir.resolve("sample.json");
        Files.writeString(file, "old");
        JsonFiles.writeJson(file, new Sample("a", Instant.parse("2026-11-25T10:00:00Z"), Optional.of("n")));
        assertEquals("{\n  \"name\" : \"a\",\n  \"at\" : \"2026-11-25T10:00:00Z\",\n  \"note\" : \"n\"\n}",
                Files.readString(file));
        assertEquals(List.of(file), list());
    }

    @Test
    void aSerialiserFailingMidwayLeavesTheOldFileWholeAndNoTempFile() throws IOException {
        Path file = dir.resolve("state.json");
        JsonFiles.writeJson(file, new Sample("before", Instant.EPOCH, Optional.empty()));
        byte[] before = Files.readAllBytes(file);

        IOException e = assertThrows(IOException.class, () -> JsonFiles.writeJson(file, new Poisoned("x")));

        assertTrue(e.getMessage().contains("serialiser failed midway"), e.getMessage());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(file));
        assertEquals(List.of(file), list(), "no temp file left behind");
    }

    @Test
    void aFailedFirstWriteLeavesNoFileAtAll() {
        Path file = dir.resolve("new.json");
        assertThrows(IOException.class, () -> JsonFiles.write(file, out -> {
            out.write("{\"half\":".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals(List.of(), list());
    }

    @Test
    void concurrentWritersEachLeaveAWholeFileAndNoTempFile() throws Exception {
        Path file = dir.resolve("manifest.json");
        Set<String> whole = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            whole.add(Integer.toString(i).repeat(5_000));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (String text : whole) {
                writes.add(pool.submit(() -> {
                    JsonFiles.writeString(file, text);
                    assertTrue(whole.contains(Files.readString(file)), "a mix of two writes");
                    return null;
                }));
            }
            for (Future<?> w : writes) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(file), list());
    }

    @Test
    void newFilesGetTheUmaskPermissionsOfAnyOtherFileNotOwnerOnly() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.writeString(dir.resolve("plain"), "x");
        Path atomic = dir.resolve("atomic");
        JsonFiles.writeString(atomic, "x");
        Set<?> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(atomic));
    }

    private List<Path> list() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
