package dev.tailgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.BenchmarkResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a file in two halves on two threads must give exactly the results, and exactly the
 * error messages, of a sequential read: whatever the layout, wherever the byte search lands.
 * {@code splitBytes = 1} forces the split on these small files.
 */
class ResultSplitTest {
    private static final long ALWAYS = 1;
    private static final long NEVER = Long.MAX_VALUE;

    @TempDir
    Path dir;

    private static JmhJsonFixture fixture(int results) {
        JmhJsonFixture fx = new JmhJsonFixture();
        for (int i = 0; i < results; i++) {
            fx.samples("dev.tailgate.bench.redis.JedisGetBenchmark.get", "us/op", 2, 2, 40,
                    JmhJsonFixture.lognormal(i, 20 + i, 0.3), 0.008).param("key", Integer.toString(i));
        }
        fx.scores("dev.tailgate.bench.net.TcpPingPongBenchmark.roundTrip", "avgt", "us/op",
                new double[][] {{17.5, 18.25}, {17.0, 1.7e7}});
        return fx;
    }

    private Path write(String name, JmhJsonFixture fx, DefaultPrettyPrinter layout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            if (layout != null) {
                g.setPrettyPrinter(layout);
            }
            g.writeStartArray();
            fx.writeElements(g);
            g.writeEndArray();
        }
        Path f = dir.resolve(name);
        Files.write(f, out.toByteArray());
        return f;
    }

    private void assertSplitEngagesAndAgrees(Path f, int expected) throws IOException {
        ResultSplit split = ResultSplit.start(f, f.toString(), ALWAYS);
        assertNotNull(split, "a seam should be found in " + f);
        split.cancel();
        List<BenchmarkResult> sequential = JmhJsonReader.read(f, NEVER);
        assertEquals(expected, sequential.size());
        assertEquals(sequential, JmhJsonReader.read(f, ALWAYS));
    }

    @Test
    void splitReadEqualsSequentialReadInEveryLayout() throws IOException {
        JmhJsonFixture fx = fixture(25);
        assertSplitEngagesAndAgrees(write("minified.json", fx, null), 26);
        assertSplitEngagesAndAgrees(write("pretty.json", fx, new DefaultPrettyPrinter()), 26);
        // JMH's own layout: a line per element, 4-space indent.
        DefaultIndenter lines = new DefaultIndenter("    ", "\n");
        assertSplitEngagesAndAgrees(write("jmh-layout.json", fx,
                new DefaultPrettyPrinter().withArrayIndenter(lines).withObjectIndenter(lines)), 26);
    }

    @Test
    void seamInsideAStringIsNotTrusted() throws IOException {
        JmhJsonFixture fx = new JmhJsonFixture();
        fx.scores("a.B.first", "avgt", "us/op", new double[][] {{1.0, 2.0}});
        // The middle of the file falls inside this value, full of what looks like a seam.
        fx.scores("a.B.tricky", "avgt", "us/op", new double[][] {{3.0}}).param("p", "}, {".repeat(4000));
        fx.scores("a.B.last", "avgt", "us/op", new double[][] {{4.0}});
        Path f = write("tricky.json", fx, new DefaultPrettyPrinter());
        String text = Files.readString(f, StandardCharsets.UTF_8);
        long[] seam = ResultSplit.findSeam(f, Files.size(f) / 2, Files.size(f));
        assertNotNull(seam);
        assertTrue(seam[0] > text.indexOf("}, {") && seam[0] < text.lastIndexOf("}, {"), "candidate inside the string");
        // Handed a result that ends past the candidate, the split declines and stops its reader.
        ResultSplit split = ResultSplit.start(f, f.toString(), ALWAYS);
        assertEquals(seam[0], split.closeOffset());
        assertNull(split.restAfter(text.indexOf("a.B.last")));
        assertTrue(split.cancelled());
        List<BenchmarkResult> results = JmhJsonReader.read(f, ALWAYS);
        assertEquals(List.of("first", "tricky", "last"), results.stream().map(r -> r.id().benchmark().substring(4)).toList());
        assertEquals("}, {".repeat(4000), results.get(1).id().params().get("p"));
        assertEquals(JmhJsonReader.read(f, NEVER), results);
    }

    @Test
    void aRealSeamHandsOverTheRemainingResults() throws IOException {
        Path f = write("seam.json", fixture(9), new DefaultPrettyPrinter());
        ResultSplit split = ResultSplit.start(f, f.toString(), ALWAYS);
        List<BenchmarkResult> all = JmhJsonReader.read(f, NEVER);
        List<BenchmarkResult> rest = split.restAfter(split.closeOffset());
        assertNotNull(rest);
        assertTrue(!rest.isEmpty() && rest.size() < all.size(), "the second half: " + rest.size());
        assertEquals(all.subList(all.size() - rest.size(), all.size()), rest);
    }

    @Test
    void theFirstReaderStopsAtTheSeam() throws IOException {
        Path f = write("stop.json", fixture(9), null);
        ResultSplit split = ResultSplit.start(f, f.toString(), ALWAYS);
        byte[] bytes = Files.readAllBytes(f);
        // The first reader sees the file only up to the seam's brace, then garbage: it can only
        // succeed by handing over to the second reader exactly there.
        ByteArrayOutputStream firstHalf = new ByteArrayOutputStream();
        firstHalf.write(bytes, 0, (int) split.closeOffset() + 1);
        firstHalf.write("@ not JSON".getBytes(StandardCharsets.UTF_8));
        List<BenchmarkResult> results = JmhJsonReader.results(f.toString(),
                new ByteArrayInputStream(firstHalf.toByteArray()), split, () -> false);
        assertEquals(JmhJsonReader.read(f, NEVER), results);
    }

    @Test
    void badItemInSecondHalfGivesTheSequentialMessage() throws IOException {
        Path f = write("bad-late.json", fixture(25), new DefaultPrettyPrinter());
        String text = Files.readString(f);
        int last = text.lastIndexOf("\"mode\" : \"sample\"");
        Files.writeString(f, text.substring(0, last) + "\"mode\" : \"bogus\"" + text.substring(last + 17));
        String expected = assertThrows(BadInputException.class, () -> JmhJsonReader.read(f, NEVER)).getMessage();
        assertTrue(expected.contains("results[24].mode"), expected);
        assertEquals(expected, assertThrows(BadInputException.class, () -> JmhJsonReader.read(f, ALWAYS)).getMessage());
    }

    @Test
    void malformedJsonInEitherHalfGivesTheSequentialLineAndColumn() throws IOException {
        Path f = write("cut.json", fixture(25), new DefaultPrettyPrinter());
        String text = Files.readString(f);
        for (int from : new int[] {text.length() / 4, text.length() * 3 / 4, text.lastIndexOf(", [")}) {
            int at = text.indexOf(", [", from) + 1; // between two pairs: a stray character is malformed JSON
            Files.writeString(f, text.substring(0, at) + "@" + text.substring(at));
            String expected = assertThrows(BadInputException.class, () -> JmhJsonReader.read(f, NEVER)).getMessage();
            assertTrue(expected.contains("malformed JSON at line"), expected);
            assertEquals(expected, assertThrows(BadInputException.class, () -> JmhJsonReader.read(f, ALWAYS)).getMessage());
        }
    }

    @Test
    void trailingGarbageAfterTheArrayIsStillRefused() throws IOException {
        Path f = write("trailing.json", fixture(25), null);
        Files.writeString(f, Files.readString(f) + " [ ]");
        String expected = assertThrows(BadInputException.class, () -> JmhJsonReader.read(f, NEVER)).getMessage();
        assertEquals(expected, assertThrows(BadInputException.class, () -> JmhJsonReader.read(f, ALWAYS)).getMessage());
    }
}
