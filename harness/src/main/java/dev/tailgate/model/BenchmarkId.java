package dev.tailgate.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One benchmark run: the fully qualified benchmark method and its {@code @Param} values
 * (JMH writes them as strings), sorted by name so equal runs compare equal.
 */
public record BenchmarkId(String benchmark, SortedMap<String, String> params) {
    public BenchmarkId {
        Objects.requireNonNull(benchmark, "benchmark");
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    public static BenchmarkId of(String benchmark) {
        return new BenchmarkId(benchmark, new TreeMap<>());
    }

    public static BenchmarkId of(String benchmark, Map<String, String> params) {
        return new BenchmarkId(benchmark, new TreeMap<>(params));
    }

    /** {@code Class.method}, without the package. */
    public String simpleName() {
        int method = benchmark.lastIndexOf('.');
        int cls = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(cls + 1);
    }

    /** {@code a=1,b=x}; empty without params. */
    public String paramsText() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** Short label for tables: {@code Class.method[a=1]}. */
    public String label() {
        return params.isEmpty() ? simpleName() : simpleName() + "[" + paramsText() + "]";
    }
}
