package dev.tailgate.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailgate.cli.TailgateCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tailgate dataset --out}: same seed, same bytes; the file follows docs/dataset.md. */
class DatasetFileTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TailgateCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        Path c = dir.resolve("c.jsonl");
        Locale saved = Locale.getDefault();
        try {
            assertEquals(0, run("dataset", "--symbols", "30", "--events", "20000", "--seed", "11", "--out", a.toString()).code());
            // A locale with other digits and decimal separators must not change a byte.
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            assertEquals(0, run("dataset", "--symbols", "30", "--events", "20000", "--seed", "11", "--out", b.toString()).code());
        } finally {
            Locale.setDefault(saved);
        }
        assertEquals(0, run("dataset", "--symbols", "30", "--events", "20000", "--seed", "12", "--out", c.toString()).code());
        assertEquals(sha256(a), sha256(b));
        assertNotEquals(sha256(a), sha256(c));
    }

    @Test
    void fileHasHeaderThenOneEventPerLine() throws Exception {
        Path f = dir.resolve("d.jsonl");
        Result r = run("dataset", "--symbols", "5", "--events", "1000", "--seed", "3", "--out", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("dataset: 1000 events ("), r.out());
        assertTrue(r.out().contains("events/s"), r.out());
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertEquals(1001, lines.size());
        ObjectMapper m = new ObjectMapper();
        JsonNode header = m.readTree(lines.get(0));
        assertEquals("tailgate.dataset/1", header.get("schema").asText());
        assertEquals(3, header.get("seed").asLong());
        assertEquals(5, header.get("symbols").asInt());
        assertEquals(1000, header.get("events").asLong());
        long prev = 0;
        for (String line : lines.subList(1, lines.size())) {
            JsonNode e = m.readTree(line);
            String type = e.get("type").asText();
            assertTrue(List.of("tick", "order", "trade").contains(type), line);
            assertTrue(e.get("symbol").asText().matches("SYM000[1-5]"), line);
            assertTrue(e.get("ts").asLong() >= prev, line);
            prev = e.get("ts").asLong();
            if (type.equals("tick")) {
                assertTrue(e.get("bidCents").asLong() < e.get("askCents").asLong(), line);
            }
        }
    }

    @Test
    void progressGoesToStderrAndStdoutKeepsOneSummaryLine() {
        Result r = run("dataset", "--symbols", "4", "--events", "50000", "--out", dir.resolve("p.jsonl").toString(),
                "--progress");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        assertTrue(r.err().contains("\r") && r.err().contains("100%") && r.err().contains("50000/50000 events"), r.err());
        Result quiet = run("dataset", "--symbols", "4", "--events", "100", "--out", dir.resolve("q.jsonl").toString());
        assertEquals("", quiet.err(), "no bar when stderr is not a terminal and --progress is absent");
    }

    @Test
    void badInputIsOneLineWithTheRightExitCode() {
        Path f = dir.resolve("x.jsonl");
        Result zero = run("dataset", "--symbols", "0", "--events", "10", "--out", f.toString());
        assertEquals(3, zero.code());
        assertEquals("error: --symbols 0: expected >= 1", zero.err().strip());
        Result neither = run("dataset", "--symbols", "3", "--events", "10");
        assertEquals(2, neither.code());
        assertEquals(1, neither.err().strip().lines().count(), neither.err());
        Result both = run("dataset", "--symbols", "3", "--events", "10", "--out", f.toString(),
                "--target", "redis://127.0.0.1:6379");
        assertEquals(2, both.code());
        Result noDir = run("dataset", "--symbols", "3", "--events", "10", "--out", dir.resolve("nope/x.jsonl").toString());
        assertEquals(3, noDir.code());
        assertTrue(noDir.err().contains("does not exist"), noDir.err());
    }
}
