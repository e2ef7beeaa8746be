package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.load.KeyDistribution;
import dev.tailgate.bench.load.LoadCommand;
import dev.tailgate.bench.load.LoadShape;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The fixed-rate mix benchmark reads its load-shape params with the closed-loop mix's grammar:
 * each reaches the shape as itself, and a malformed one is one line naming the param and the value.
 */
class FixedRateMixParamsTest {

    private static RawRespFixedRateMixBenchmark bench(String mix, String keys, String keyspace, String values,
                                                      String pipeline, String connections) {
        RawRespFixedRateMixBenchmark b = new RawRespFixedRateMixBenchmark();
        b.mix = mix;
        b.keys = keys;
        b.keyspace = keyspace;
        b.values = values;
        b.pipeline = pipeline;
        b.connections = connections;
        return b;
    }

    @Test
    void eachParamReachesTheShapeAsItself() {
        LoadShape s = bench("GET:3,HSET:1", "zipf:0.99", "500", "choice:16,256", "4", "7").shape();
        assertEquals(List.of(LoadCommand.GET, LoadCommand.HSET), s.mix().commands());
        assertEquals(List.of(3, 1), s.mix().weights());
        assertEquals(KeyDistribution.parse("zipf:0.99"), s.keys());
        assertEquals(500, s.keyspace());
        assertEquals(List.of(16, 256), s.values().table());
        assertEquals(4, s.pipeline());
        assertEquals(7, s.connections());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mix|GET:x", "mix|FOO:1", "keys|zipf:0", "keys|gauss", "keyspace|x", "keyspace|0", "values|uniform:9-3",
            "values|0", "pipeline|0", "pipeline|abc", "pipeline|2000", "connections|0", "connections|5000"})
    void aMalformedParamIsOneLineNamingItAndItsValue(String param, String value) {
        RawRespFixedRateMixBenchmark b = bench("GET:10,SET:1", "uniform", "1000", "64", "1", "1");
        switch (param) {
            case "mix" -> b.mix = value;
            case "keys" -> b.keys = value;
            case "keyspace" -> b.keyspace = value;
            case "values" -> b.values = value;
            case "pipeline" -> b.pipeline = value;
            default -> b.connections = value;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::shape);
        assertTrue(e.getMessage().startsWith(param + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
