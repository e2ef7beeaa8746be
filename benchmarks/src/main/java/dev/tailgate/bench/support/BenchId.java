package dev.tailgate.bench.support;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Which benchmark (and which {@code @Param} values) a thread works for; names pinning records.
 *
 * @param benchmark fully qualified benchmark method, as JMH names it
 * @param params    the trial's {@code @Param} values, as JMH strings
 */
public record BenchId(String benchmark, Map<String, String> params) {

    public BenchId {
        Objects.requireNonNull(benchmark, "benchmark");
        params = Map.copyOf(params);
    }

    /**
     * The benchmark's short name, used in key namespaces: the class's simple name without
     * "Benchmark" ({@code dev.tailgate.bench.redis.JedisGetBenchmark.get} -> {@code JedisGet}).
     */
    public String shortName() {
        int method = benchmark.lastIndexOf('.');
        String cls = method < 0 ? benchmark : benchmark.substring(0, method);
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        return simple.endsWith("Benchmark") && simple.length() > "Benchmark".length()
                ? simple.substring(0, simple.length() - "Benchmark".length()) : simple;
    }

    /** The identity of the running JMH trial (injectable into any {@code @Setup}). */
    public static BenchId of(BenchmarkParams jmh) {
        Map<String, String> params = new TreeMap<>();
        for (String key : jmh.getParamsKeys()) {
            params.put(key, jmh.getParam(key));
        }
        return new BenchId(jmh.getBenchmark(), params);
    }
}
