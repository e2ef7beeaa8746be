package dev.tailgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.BenchmarkResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast parser must agree with Jackson token for token on everything it takes, decline the
 * rest, and so never change what {@link JmhJsonReader} returns or which error it reports: the
 * reader's results and messages are checked against a Jackson-only read, on JMH's layouts, on
 * every odd number form, and on thousands of randomly damaged files.
 */
class AsciiJsonParserTest {
    private static final JsonFactory JACKSON = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    @TempDir
    Path dir;

    /** Walks both parsers over {@code json}, comparing every token; a tiny buffer would not change this. */
    private static void assertSameTokens(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
        try (JsonParser j = JACKSON.createParser(bytes);
                AsciiJsonParser a = new AsciiJsonParser(new ByteArrayInputStream(bytes))) {
            while (true) {
                JsonToken jt = j.nextToken();
                JsonToken at = a.nextToken();
                assertEquals(jt, at, () -> where(json));
                if (jt == null) {
                    return;
                }
                if (jt == JsonToken.END_OBJECT || jt == JsonToken.END_ARRAY || jt.isScalarValue()) {
                    assertEquals(j.currentTokenLocation().getByteOffset(), a.tokenByteOffset(), () -> where(json) + " at " + jt);
                }
                if (jt == JsonToken.FIELD_NAME) {
                    assertEquals(j.currentName(), a.currentName(), () -> where(json));
                }
                if (jt.isScalarValue() || jt == JsonToken.FIELD_NAME) {
                    assertEquals(j.getText(), a.getText(), () -> where(json));
                }
                if (jt.isNumeric()) {
                    assertEquals(Double.doubleToRawLongBits(j.getDoubleValue()),
                            Double.doubleToRawLongBits(a.getDoubleValue()), () -> where(json));
                }
                if (jt == JsonToken.VALUE_NUMBER_INT) {
                    assertEquals(j.getLongValue(), a.getLongValue(), () -> where(json));
                }
            }
        }
    }

    /** The document for a failure message, shortened: some are megabytes long. */
    private static String where(String json) {
        return json.length() <= 200 ? json : json.substring(0, 200) + "... (" + json.length() + " chars)";
    }

    private static void assertDeclined(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(AsciiJsonParser.Declined.class, () -> {
            try (AsciiJsonParser a = new AsciiJsonParser(new ByteArrayInputStream(bytes))) {
                for (JsonToken t = a.nextToken(); t != null; t = a.nextToken()) {
                    if (t.isNumeric()) {
                        a.getDoubleValue();
                    }
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        a.getLongValue();
                    }
                }
            }
        }, json);
    }

    @Test
    void tokensTextNumbersAndOffsetsAreJacksons() throws IOException {
        for (String json : List.of(
                "[]", "{}", " [ ] ", "0", "-0", "1", "-1", "17", "123456789012345678", "-123456789012345678",
                "0.5", "-0.0", "1e5", "1E+5", "2.5e-3", "1.114112E7", "9007199254740993.0", "0.30000000000000004",
                "1e400", "1e-400", "123456789.123456789", "4.9e-324", "\"\"", "\"a b\"", "\"}, {\"",
                "true", "false", "null", "[1,2.0,\"x\",true,false,null,{},[]]",
                "{\"a\":1,\"b\":[{\"c\":{}},[]],\"d\":\"e\"}",
                "[ [ [ [ 11840.0, 1 ], [ 12080.5, 20 ] ] ] ]",
                "\t[\r\n1 ,\n 2 ]\n\n")) {
            assertSameTokens(json);
        }
    }

    @Test
    void declinesWhatItDoesNotTake() {
        for (String json : List.of(
                "", "   ", "[", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{1:2}", "[1 2]", "01", "[01]",
                "-", "1.", ".5", "+1", "1e", "1e+", "[NaN]", "[Infinity]", "[1]x", "[1] [2]", "\"a\\nb\"",
                "\"\\u0041\"", "\"caf\u00e9\"", "\"a\tb\"", "[tru]", "[nul]", "[true1]", "1234567890123456789",
                "[1.0e1.0]", "// c\n[]", "['a']", "[0x10]", "\u00ef\u00bb\u00bf[]", "[1" + "0".repeat(70) + "]",
                "[".repeat(300) + "]".repeat(300))) {
            assertDeclined(json);
        }
    }

    @Test
    void longTokensAcrossBufferRefillsAreRead() throws IOException {
        String longString = "x".repeat(600_000);
        assertSameTokens("[\"" + longString + "\", 1.5, \"" + longString + "\"]");
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 200_000; i++) {
            many.append(i == 0 ? "" : ",").append(i % 7 == 0 ? " [ 1.25e2, 3 ]" : "[" + i + ".5," + i + "]");
        }
        assertSameTokens(many.append("]").toString());
    }

    /** Pairs in every number form the pair loop must take, or hand to the general path, exactly. */
    @Test
    void oddPairsReadAsJacksonReadsThem() throws IOException {
        String pairs = String.join(", ", "[ 11840.0, 1 ]", "[11841,2]", "[ 11842.5 , 0 ]", "[\t11843.25,\n3 ]",
                "[ 1.1843E4, 4 ]", "[ 11843.5e0, 1 ]", "[ 9007199254740993, 1 ]", "[ 9007199254.740993, 1 ]",
                "[ 12345.678901234567, 1 ]", "[ 123456789012345678, 1 ]", "[ 1e25, 1 ]",
                "[ 2.0e25, 123456789012345678 ]");
        String json = sampleResult("[ [ [ [ 0.5, 1 ], [ 0.75, 1 ] ], [ " + pairs + " ] ], [ [ ], [ [ 0, 5 ] ] ] ]");
        assertSameResults(write("odd.json", json));
    }

    /** Random decimals of up to 16 significant digits, the pair loop's own conversion: bit for bit Jackson's. */
    @Test
    void randomDecimalsInPairsReadAsJacksonReadsThem() throws IOException {
        SplittableRandom rnd = new SplittableRandom(53);
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            int intDigits = 1 + rnd.nextInt(9);
            int fractionDigits = rnd.nextInt(8);
            StringBuilder v = new StringBuilder().append(1 + rnd.nextInt(9));
            for (int k = 1; k < intDigits; k++) {
                v.append(rnd.nextInt(10));
            }
            if (fractionDigits > 0 || rnd.nextBoolean()) {
                v.append('.').append(rnd.nextInt(10));
                for (int k = 1; k < fractionDigits; k++) {
                    v.append(rnd.nextInt(10));
                }
            }
            pairs.append(i == 0 ? "" : ", ").append("[ ").append(v).append(", ").append(rnd.nextInt(1000)).append(" ]");
        }
        // values are not ascending: the builder sorts and folds them the same way on both paths
        assertSameResults(write("random.json", sampleResult("[ [ [ " + pairs + " ] ] ]")));
    }

    @Test
    void capturedFilesReadAsJacksonReadsThem() throws IOException {
        for (String f : List.of("avgt", "sample", "ss", "thrpt")) {
            Path p = Path.of("src/test/resources/jmh-captured", f + ".json");
            assertSameResults(p);
        }
    }

    /**
     * Random damage to a real sample-mode file — a byte deleted, inserted or replaced by one of
     * the characters JSON is made of, a span duplicated — must give exactly the results or the
     * error message of a Jackson-only read, read whole or in two halves.
     */
    @Test
    void damagedFilesGiveJacksonsResultOrMessage() throws IOException {
        byte[] original = Files.readAllBytes(Path.of("src/test/resources/jmh-captured/sample.json"));
        byte[] alphabet = "[]{},:\"\\-+.0123456789eE \ntfnx\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        SplittableRandom rnd = new SplittableRandom(20261126);
        Path f = dir.resolve("damaged.json");
        int declined = 0;
        for (int round = 0; round < 600; round++) {
            byte[] bytes = damage(original, rnd, alphabet);
            Files.write(f, bytes);
            Object jackson = outcome(() -> JmhJsonReader.readByJackson(f));
            assertEquals(jackson, outcome(() -> JmhJsonReader.read(f, Long.MAX_VALUE)), "round " + round);
            assertEquals(jackson, outcome(() -> JmhJsonReader.read(f, 1)), "round " + round + " split");
            if (!(outcome(() -> fastOnly(bytes)) instanceof List)) {
                declined++;
            }
        }
        assertTrue(declined > 100 && declined < 600, "damage should often, not always, be declined: " + declined);
    }

    private static byte[] damage(byte[] original, SplittableRandom rnd, byte[] alphabet) {
        // Most of the file is pairs; aim a third of the edits at the header part.
        int at = rnd.nextInt(3) == 0 ? rnd.nextInt(Math.min(original.length, 1500)) : rnd.nextInt(original.length);
        byte b = alphabet[rnd.nextInt(alphabet.length)];
        return switch (rnd.nextInt(4)) {
            case 0 -> concat(slice(original, 0, at), slice(original, at + 1, original.length));
            case 1 -> concat(slice(original, 0, at), new byte[] {b}, slice(original, at, original.length));
            case 2 -> {
                byte[] copy = original.clone();
                copy[at] = b;
                yield copy;
            }
            default -> {
                int len = 1 + rnd.nextInt(40);
                int end = Math.min(original.length, at + len);
                yield concat(slice(original, 0, end), slice(original, at, original.length));
            }
        };
    }

    private static List<BenchmarkResult> fastOnly(byte[] bytes) {
        try {
            return JmhJsonReader.results("x", new ByteArrayInputStream(bytes), null, () -> false);
        } catch (IOException e) {
            throw new BadInputException("declined", e);
        }
    }

    private void assertSameResults(Path p) {
        List<BenchmarkResult> jackson = JmhJsonReader.readByJackson(p);
        assertEquals(jackson, JmhJsonReader.read(p, Long.MAX_VALUE), p.toString());
        assertEquals(jackson, JmhJsonReader.read(p, 1), p + " split");
        try (InputStream in = Files.newInputStream(p)) {
            assertEquals(jackson, JmhJsonReader.results(p.toString(), in, null, () -> false),
                    p + ": the fast parser alone should take it");
        } catch (IOException e) {
            throw new AssertionError(p + ": declined: " + e.getMessage(), e);
        }
    }

    private Path write(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json, StandardCharsets.US_ASCII);
    }

    private static String sampleResult(String histograms) {
        return "[ { \"benchmark\" : \"a.B.c\", \"mode\" : \"sample\", \"threads\" : 1, \"params\" : { \"k\" : \"v\" },"
                + " \"primaryMetric\" : { \"score\" : 1.5, \"scoreUnit\" : \"us/op\", \"scorePercentiles\" : { \"50.0\" : 1.0 },"
                + " \"rawDataHistogram\" : " + histograms + " }, \"secondaryMetrics\" : { } } ]";
    }

    /** The results, or the one-line message of the bad input they gave. */
    private static Object outcome(java.util.function.Supplier<List<BenchmarkResult>> read) {
        try {
            return Objects.requireNonNull(read.get());
        } catch (BadInputException e) {
            return e.getMessage();
        }
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, Math.max(from, Math.min(to, b.length)));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
