package dev.tailgate.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.IterationHistogram;
import dev.tailgate.model.Mode;
import dev.tailgate.model.SecondaryMetric;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Reads JMH's result JSON ({@code -rf json}) in every mode. It streams: a sample-mode file of
 * thousands of results runs to tens of megabytes, almost all of it {@code rawDataHistogram}
 * pairs, and a tree of the whole file would cost several times its size in heap. Each
 * iteration's pairs are folded into two primitive arrays as they are read. The file is parsed
 * by {@link AsciiJsonParser}, which takes the JSON JMH writes several times faster than
 * Jackson; anything it declines is read again by Jackson, whose results and error messages
 * are the ones users get. A large file is read by two threads, split between two results
 * ({@link ResultSplit}); the results and every error message are those of a sequential read.
 *
 * <p>Every error names the file and the JSON item ({@code results[3].primaryMetric.score}),
 * what was expected and what was found.
 */
public final class JmhJsonReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    private final String file;
    private final JsonSource p;
    /** The second reader to hand over to at the seam (first half only), else null. */
    private ResultSplit split;
    /** Set for the second half: stop when the first reader no longer needs it. */
    private final BooleanSupplier cancelled;
    private final HistogramBuilder pairs = new HistogramBuilder();

    private JmhJsonReader(String file, JsonSource parser, ResultSplit split, BooleanSupplier cancelled) {
        this.file = file;
        this.p = parser;
        this.split = split;
        this.cancelled = cancelled;
    }

    /** Reads all results; never returns an empty list. */
    public static List<BenchmarkResult> read(Path path) {
        return read(path, ResultSplit.MIN_BYTES);
    }

    /** As {@link #read(Path)}; files of at least {@code splitBytes} are read by two threads. */
    static List<BenchmarkResult> read(Path path, long splitBytes) {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw new BadInputException(name + ": is a directory, expected a JMH JSON file");
        }
        ResultSplit second = null;
        try (InputStream in = Files.newInputStream(path)) {
            second = ResultSplit.start(path, name, splitBytes);
            return results(name, in, second, () -> false);
        } catch (AsciiJsonParser.Declined e) {
            // outside the fast parser's subset: Jackson reads it (or says where it is wrong)
        } catch (IOException e) {
            throw readFailure(name, e);
        } finally {
            if (second != null) {
                second.cancel();
            }
        }
        return readByJackson(path);
    }

    /** The whole file read sequentially by Jackson: what the fast parser must agree with. */
    static List<BenchmarkResult> readByJackson(Path path) {
        String name = path.toString();
        try (InputStream in = Files.newInputStream(path); JsonParser parser = FACTORY.createParser(in)) {
            return new JmhJsonReader(name, JsonSource.of(parser), null, () -> false).results();
        } catch (IOException e) {
            throw readFailure(name, e);
        }
    }

    private static BadInputException readFailure(String name, IOException e) {
        if (e instanceof JsonProcessingException j) {
            return new BadInputException(name + ": malformed JSON at line "
                    + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr()
                    + ": " + firstLine(j.getOriginalMessage()), e);
        }
        return new BadInputException(name + ": cannot read: " + e, e);
    }

    /**
     * The results array in {@code in}, by the fast parser: input it declines throws
     * {@link AsciiJsonParser.Declined}. With {@code split}, hands over to the second reader at
     * its seam; {@code cancelled} is polled between results (the second reader's way to stop).
     */
    static List<BenchmarkResult> results(String name, InputStream in, ResultSplit split, BooleanSupplier cancelled)
            throws IOException {
        try (JsonSource parser = new AsciiJsonParser(in)) {
            return new JmhJsonReader(name, parser, split, cancelled).results();
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private List<BenchmarkResult> results() throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_ARRAY) {
            throw bad("results", "expected array of benchmark results", t);
        }
        List<BenchmarkResult> out = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String item = "results[" + out.size() + "]";
            if (t != JsonToken.START_OBJECT) {
                throw bad(item, "expected object", t);
            }
            out.add(result(item));
            if (cancelled.getAsBoolean()) {
                throw new CancellationException();
            }
            if (split != null && p.tokenByteOffset() >= split.closeOffset()) {
                // The first top-level result to end at or past the seam: the seam is real only
                // if it ends exactly there. Otherwise, or if the second half is bad input, read on.
                List<BenchmarkResult> rest = split.restAfter(p.tokenByteOffset());
                split = null;
                if (rest != null) {
                    out.addAll(rest);
                    return out;
                }
            }
        }
        if (p.nextToken() != null) {
            throw new BadInputException(file + ": unexpected content after the results array");
        }
        if (out.isEmpty()) {
            throw new BadInputException(file + ": results: empty array, expected at least one benchmark result");
        }
        return out;
    }

    private BenchmarkResult result(String item) throws IOException {
        String benchmark = null;
        Mode mode = null;
        int threads = 1;
        Map<String, String> params = new TreeMap<>();
        Primary primary = null;
        Map<String, SecondaryMetric> secondary = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            String at = item + "." + field;
            switch (field) {
                case "benchmark" -> benchmark = text(at, t);
                case "mode" -> {
                    String m = text(at, t);
                    mode = Mode.fromJmh(m);
                    if (mode == null) {
                        throw new BadInputException(file + ": " + at + ": expected thrpt|avgt|sample|ss, found \"" + m + "\"");
                    }
                }
                case "threads" -> threads = (int) number(at, t);
                case "params" -> params = params(at, t);
                case "primaryMetric" -> primary = primary(at, t);
                case "secondaryMetrics" -> secondary = secondary(at, t);
                default -> p.skipChildren();
            }
        }
        if (benchmark == null) {
            throw new BadInputException(file + ": " + item + ".benchmark: missing, expected the benchmark method name");
        }
        if (mode == null) {
            throw new BadInputException(file + ": " + item + ".mode: missing, expected thrpt|avgt|sample|ss");
        }
        if (primary == null) {
            throw new BadInputException(file + ": " + item + ".primaryMetric: missing");
        }
        return new BenchmarkResult(BenchmarkId.of(benchmark, floorAsBefore(benchmark, params)), mode, threads, primary.unit,
                primary.score, primary.rawData, primary.histograms, primary.percentiles, secondary);
    }

    private static final class Primary {
        double score = Double.NaN;
        String unit;
        List<List<Double>> rawData = List.of();
        List<List<IterationHistogram>> histograms = List.of();
        Map<String, Double> percentiles = Map.of();
    }

    private Primary primary(String item, JsonToken start) throws IOException {
        expect(item, start, JsonToken.START_OBJECT, "object");
        Primary m = new Primary();
        boolean sawScore = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            String at = item + "." + field;
            switch (field) {
                case "score" -> {
                    m.score = number(at, t);
                    sawScore = true;
                }
                case "scoreUnit" -> m.unit = text(at, t);
                case "scorePercentiles" -> m.percentiles = numberMap(at, t);
                case "rawData" -> m.rawData = rawData(at, t);
                case "rawDataHistogram" -> m.histograms = histograms(at, t);
                default -> p.skipChildren();
            }
        }
        if (!sawScore) {
            throw new BadInputException(file + ": " + item + ".score: missing");
        }
        if (m.unit == null) {
            throw new BadInputException(file + ": " + item + ".scoreUnit: missing");
        }
        return m;
    }

    private Map<String, SecondaryMetric> secondary(String item, JsonToken start) throws IOException {
        expect(item, start, JsonToken.START_OBJECT, "object");
        Map<String, SecondaryMetric> out = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String at = item + "." + name;
            Primary m = primary(at, p.nextToken());
            out.put(name, new SecondaryMetric(m.score, m.unit, m.rawData));
        }
        return out;
    }

    /**
     * The TCP floor's {@code transport=tcp} is what every floor run was before the parameter
     * existed: it is left out of the id, so a floor row of an older baseline and of a new run
     * pair in compare and gate. TLS and Unix floor rows keep it (docs/targets.md).
     */
    static Map<String, String> floorAsBefore(String benchmark, Map<String, String> params) {
        if (!benchmark.endsWith(".TcpPingPongBenchmark.roundTrip") || !"tcp".equals(params.get("transport"))) {
            return params;
        }
        Map<String, String> out = new TreeMap<>(params);
        out.remove("transport");
        return out;
    }

    private Map<String, String> params(String item, JsonToken start) throws IOException {
        expect(item, start, JsonToken.START_OBJECT, "object");
        Map<String, String> out = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (!t.isScalarValue()) {
                throw bad(item + "." + name, "expected a parameter value", t);
            }
            out.put(name, p.getText());
        }
        return out;
    }

    private Map<String, Double> numberMap(String item, JsonToken start) throws IOException {
        expect(item, start, JsonToken.START_OBJECT, "object");
        Map<String, Double> out = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            out.put(key, number(item + "." + key, p.nextToken()));
        }
        return out;
    }

    private List<List<Double>> rawData(String item, JsonToken start) throws IOException {
        expect(item, start, JsonToken.START_ARRAY, "array of forks");
        List<List<Double>> forks = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String fork = item + "[" + forks.size() + "]";
            expect(fork, t, JsonToken.START_ARRAY, "array of iteration scores");
            List<Double> iterations = new ArrayList<>();
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                iterations.add(number(fork + "[" + iterations.size() + "]", t));
            }
            forks.add(iterations);
        }
        return forks;
    }

    private List<List<IterationHistogram>> histograms(String item, JsonToken start) throws IOException {
        expect(item, start, JsonToken.START_ARRAY, "array of forks");
        List<List<IterationHistogram>> forks = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String fork = item + "[" + forks.size() + "]";
            expect(fork, t, JsonToken.START_ARRAY, "array of iterations");
            List<IterationHistogram> iterations = new ArrayList<>();
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                iterations.add(iteration(fork + "[" + iterations.size() + "]", t));
            }
            forks.add(iterations);
        }
        return forks;
    }

    /**
     * One iteration's [[value, count], ...], folded into sorted primitive arrays. This loop runs
     * millions of times on a large file: item paths are only built when there is an error.
     */
    private IterationHistogram iteration(String item, JsonToken start) throws IOException {
        expect(item, start, JsonToken.START_ARRAY, "array of [value,count] pairs");
        HistogramBuilder b = pairs;
        b.reset();
        if (p.pairs(b)) {
            return b.build();
        }
        JsonToken t;
        int i = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_ARRAY) {
                throw bad(item + "[" + i + "]", "expected array of [value,count]", t);
            }
            JsonToken vt = p.nextToken();
            double value = vt == JsonToken.VALUE_NUMBER_FLOAT || vt == JsonToken.VALUE_NUMBER_INT
                    ? p.getDoubleValue() : number(item + "[" + i + "][0]", vt);
            if (!Double.isFinite(value)) {
                throw new BadInputException(file + ": " + item + "[" + i + "][0]: expected a finite sample value, found " + value);
            }
            JsonToken ct = p.nextToken();
            if (ct != JsonToken.VALUE_NUMBER_INT) {
                throw bad(item + "[" + i + "][1]", "expected integer count", ct);
            }
            long count = p.getLongValue();
            if (count < 0) {
                throw new BadInputException(file + ": " + item + "[" + i + "][1]: expected count >= 0, found " + count);
            }
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new BadInputException(file + ": " + item + "[" + i + "]: expected [value,count], found more than two elements");
            }
            b.add(value, count);
            i++;
        }
        return b.build();
    }

    private double number(String item, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            // JMH writes non-finite doubles as these strings.
            switch (p.getText()) {
                case "NaN": return Double.NaN;
                case "+INF", "Infinity": return Double.POSITIVE_INFINITY;
                case "-INF", "-Infinity": return Double.NEGATIVE_INFINITY;
                default:
                    throw new BadInputException(file + ": " + item + ": expected number, found string \"" + p.getText() + "\"");
            }
        }
        throw bad(item, "expected number", t);
    }

    private String text(String item, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw bad(item, "expected string", t);
        }
        return p.getText();
    }

    private void expect(String item, JsonToken actual, JsonToken wanted, String what) {
        if (actual != wanted) {
            throw bad(item, "expected " + what, actual);
        }
    }

    private BadInputException bad(String item, String expected, JsonToken found) {
        return new BadInputException(file + ": " + item + ": " + expected + ", found " + describe(found));
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_ARRAY -> "array";
            case START_OBJECT -> "object";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }
}
