package dev.tailgate.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/**
 * Writes JSON in JMH's result layout (field names and nesting as JMH 1.37's
 * {@code JSONResultFormat}), for tests that need shapes the captured files do not have and
 * for the 50 MB performance input. Values are generated, never measured.
 */
public final class JmhJsonFixture {
    /** One result element. */
    public static final class Result {
        final String benchmark;
        final String mode;
        final String unit;
        final Map<String, String> params = new TreeMap<>();
        Object score;
        List<List<Double>> rawData;
        List<List<TreeMap<Double, Long>>> histograms;

        Result(String benchmark, String mode, String unit) {
            this.benchmark = benchmark;
            this.mode = mode;
            this.unit = unit;
        }

        public Result param(String k, String v) {
            params.put(k, v);
            return this;
        }

        /** Overrides the score, e.g. with the string "NaN" as JMH writes it. */
        public Result score(Object s) {
            score = s;
            return this;
        }
    }

    private final List<Result> results = new ArrayList<>();

    /** avgt/thrpt/ss result with the given per-fork iteration scores; score = their mean. */
    public Result scores(String benchmark, String mode, String unit, double[][] perFork) {
        Result r = new Result(benchmark, mode, unit);
        r.rawData = new ArrayList<>();
        double sum = 0;
        int n = 0;
        for (double[] fork : perFork) {
            List<Double> it = new ArrayList<>();
            for (double v : fork) {
                it.add(v);
                sum += v;
                n++;
            }
            r.rawData.add(it);
        }
        r.score = sum / n;
        results.add(r);
        return r;
    }

    /**
     * Sample-mode result: {@code forks x iterations} iterations of {@code perIteration} samples
     * each, drawn from {@code dist} and rounded to {@code resolution} (JMH's timer granularity
     * makes values repeat, so pairs are far fewer than samples).
     */
    public Result samples(String benchmark, String unit, int forks, int iterations, int perIteration,
                          DoubleSupplier dist, double resolution) {
        Result r = new Result(benchmark, "sample", unit);
        r.histograms = new ArrayList<>();
        double sum = 0;
        long n = 0;
        for (int f = 0; f < forks; f++) {
            List<TreeMap<Double, Long>> fork = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                TreeMap<Double, Long> h = new TreeMap<>();
                for (int s = 0; s < perIteration; s++) {
                    double v = Math.max(resolution, Math.round(dist.getAsDouble() / resolution) * resolution);
                    v = Math.round(v * 1e6) / 1e6;
                    h.merge(v, 1L, Long::sum);
                    sum += v;
                    n++;
                }
                fork.add(h);
            }
            r.histograms.add(fork);
        }
        r.score = sum / n;
        results.add(r);
        return r;
    }

    /** Lognormal latency in microseconds with median {@code medianUs} and shape {@code sigma}. */
    public static DoubleSupplier lognormal(long seed, double medianUs, double sigma) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return () -> medianUs * Math.exp(sigma * gaussian(rnd));
    }

    static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    public void write(OutputStream out) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartArray();
            writeElements(g);
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the results as array elements into an array the caller opened (streaming large files). */
    public void writeElements(JsonGenerator g) throws IOException {
        for (Result r : results) {
            write(g, r);
        }
    }

    private static void write(JsonGenerator g, Result r) throws IOException {
        g.writeStartObject();
        g.writeStringField("jmhVersion", "1.37");
        g.writeStringField("benchmark", r.benchmark);
        g.writeStringField("mode", r.mode);
        g.writeNumberField("threads", 1);
        g.writeNumberField("forks", r.rawData != null ? r.rawData.size() : r.histograms.size());
        g.writeStringField("jvm", "java");
        g.writeArrayFieldStart("jvmArgs");
        g.writeEndArray();
        g.writeStringField("jdkVersion", "17.0.15");
        g.writeStringField("vmName", "OpenJDK 64-Bit Server VM");
        g.writeStringField("vmVersion", "17.0.15+6-Debian-1deb12u1");
        g.writeNumberField("warmupIterations", 1);
        g.writeStringField("warmupTime", "1 s");
        g.writeNumberField("warmupBatchSize", 1);
        g.writeNumberField("measurementIterations", 2);
        g.writeStringField("measurementTime", "1 s");
        g.writeNumberField("measurementBatchSize", 1);
        if (!r.params.isEmpty()) {
            g.writeObjectFieldStart("params");
            for (var e : r.params.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeObjectFieldStart("primaryMetric");
        if (r.score instanceof String s) {
            g.writeStringField("score", s);
        } else {
            g.writeNumberField("score", (Double) r.score);
        }
        g.writeStringField("scoreError", "NaN");
        g.writeArrayFieldStart("scoreConfidence");
        g.writeString("NaN");
        g.writeString("NaN");
        g.writeEndArray();
        g.writeObjectFieldStart("scorePercentiles");
        Map<String, Double> pct = new LinkedHashMap<>();
        pct.put("0.0", 1.0);
        pct.put("50.0", 1.0);
        pct.put("100.0", 1.0);
        for (var e : pct.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeStringField("scoreUnit", r.unit);
        if (r.rawData != null) {
            g.writeArrayFieldStart("rawData");
            for (List<Double> fork : r.rawData) {
                g.writeStartArray();
                for (double v : fork) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        if (r.histograms != null) {
            g.writeArrayFieldStart("rawDataHistogram");
            for (List<TreeMap<Double, Long>> fork : r.histograms) {
                g.writeStartArray();
                for (TreeMap<Double, Long> it : fork) {
                    g.writeStartArray();
                    for (var e : it.entrySet()) {
                        g.writeStartArray();
                        g.writeNumber(e.getKey());
                        g.writeNumber(e.getValue());
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("secondaryMetrics");
        g.writeEndObject();
        g.writeEndObject();
    }
}
