package dev.tailgate.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The merge reads the shards with the fast parser and falls back to Jackson: both readers must
 * give the same merged file, byte for byte, on JMH's own output in every mode, and input the
 * fast parser declines must still merge (through Jackson) to what Jackson alone gives.
 */
class ShardStreamsTest {
    private static final Path CAPTURED = Path.of(System.getProperty("tailgate.test.root", ".."))
            .resolve("harness/src/test/resources/jmh-captured");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sample.json", "avgt.json", "ss.json", "thrpt.json"})
    void fastAndJacksonReadsMergeToTheSameBytes(String file) throws IOException {
        List<Path> shards = shards(Files.readString(CAPTURED.resolve(file)), Files.readString(CAPTURED.resolve(file)),
                Files.readString(CAPTURED.resolve(file)));
        byte[] fast = merged(shards, true);
        byte[] jackson = merged(shards, false);
        assertTrue(fast.length > 100, "merged something");
        assertArrayEquals(jackson, fast);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"key\\u00e9\"", "\"tab\\tin a string\""})
    void inputTheFastParserDeclinesIsMergedByJackson(String escaped) throws IOException {
        String json = Files.readString(CAPTURED.resolve("sample.json"));
        String odd = json.replace("\"jmhVersion\"", "\"note\" : " + escaped + ", \"jmhVersion\"");
        List<Path> shards = shards(json, odd);
        Path out = dir.resolve("out.json");
        ShardStreams.write(shards, out);
        assertArrayEquals(merged(shards, false), Files.readAllBytes(out));
        assertThrows(IOException.class, () -> merged(shards, true), "the fast parser declines an escape");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aDuplicateFieldIsAnErrorWhicheverReaderMeetsIt(boolean fast) throws IOException {
        String json = Files.readString(CAPTURED.resolve("avgt.json"));
        String dup = json.replaceFirst("\"mode\"", "\"forks\" : 9, \"mode\"");
        List<Path> shards = shards(json, dup);
        IOException e = assertThrows(IOException.class, () -> merged(shards, fast));
        assertTrue(e.getMessage().contains("forks") || e.getMessage().contains("Duplicate"), e.getMessage());
        assertThrows(IOException.class, () -> ShardStreams.write(shards, dir.resolve("dup.json")));
        assertEquals(List.of(), leftovers(), "no temporary file is left behind");
    }

    private List<Path> leftovers() throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private List<Path> shards(String... contents) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < contents.length; i++) {
            Path f = dir.resolve("shard-" + i + ".json");
            Files.writeString(f, contents[i]);
            files.add(f);
        }
        return files;
    }

    private static byte[] merged(List<Path> shards, boolean fast) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ShardStreams.merge(shards, out, fast);
        return out.toByteArray();
    }
}
