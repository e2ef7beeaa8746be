package dev.tailgate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing of every load-shape parameter: what is accepted, and one line naming the param for the rest. */
class LoadShapeParseTest {

    @Test
    void mixKeepsCommandsAndWeightsInOrder() {
        CommandMix m = CommandMix.parse("GET:10, set:1,HSET:3");
        assertEquals(List.of(LoadCommand.GET, LoadCommand.SET, LoadCommand.HSET), m.commands());
        assertEquals(List.of(10, 1, 3), m.weights());
        assertTrue(m.uses(LoadCommand.Family.HASH));
        assertTrue(m.usesValues());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GET", "GET:0", "GET:-1", "GET:x", "FOO:1", "GET:1,GET:2", "GET:1,", "GET:1:2",
            "GET:999999,SET:999999"})
    void badMixNamesParamAndValue(String v) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandMix.parse(v));
        assertTrue(e.getMessage().startsWith("mix: "), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + v + "\""), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void keyDistributions() {
        assertEquals(new KeyDistribution(KeyDistribution.Kind.UNIFORM, 0), KeyDistribution.parse("uniform"));
        assertEquals(new KeyDistribution(KeyDistribution.Kind.SEQUENTIAL, 0), KeyDistribution.parse("sequential"));
        assertEquals(new KeyDistribution(KeyDistribution.Kind.ZIPF, 0.99), KeyDistribution.parse("zipf:0.99"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "gauss", "zipf", "zipf:", "zipf:0", "zipf:-1", "zipf:abc", "zipf:11"})
    void badKeysNamesParamAndValue(String v) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyDistribution.parse(v));
        assertTrue(e.getMessage().startsWith("keys: ") && e.getMessage().contains("\"" + v + "\""), e.getMessage());
    }

    @Test
    void valueSizeTables() {
        assertEquals(List.of(16), ValueSizes.parse("16").table());
        assertEquals(List.of(16, 128, 1024, 16), ValueSizes.parse("choice:16,128,1024,16").table());
        assertEquals(List.of(10, 11, 12), ValueSizes.parse("uniform:10-12").table());
        List<Integer> wide = ValueSizes.parse("uniform:16-4096").table();
        assertEquals(ValueSizes.MAX_TABLE, wide.size());
        assertEquals(16, wide.get(0));
        assertEquals(4096, wide.get(wide.size() - 1));
        for (int i = 1; i < wide.size(); i++) {
            int step = wide.get(i) - wide.get(i - 1);
            assertTrue(step == 16 || step == 15, "evenly spread: step " + step + " at " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-4", "x", "uniform:16", "uniform:9-3", "uniform:1-2-3", "choice:", "choice:1,,2",
            "2000000"})
    void badValuesNamesParamAndValue(String v) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValueSizes.parse(v));
        assertTrue(e.getMessage().startsWith("values: ") && e.getMessage().contains("\"" + v + "\""), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"x,1,1,keyspace", "1000,0,1,pipeline", "1000,1,0,connections", "0,1,1,keyspace",
            "1000,1,2000,connections", "1000,abc,1,pipeline"})
    void badCountsNameTheirParam(String keyspace, String pipeline, String connections, String param) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoadShape.parse("GET:1", "uniform", keyspace, "16", pipeline, connections));
        assertTrue(e.getMessage().startsWith(param + ": "), e.getMessage());
    }

    @Test
    void overloadIsStatedOnlyWhenThreadsOutnumberTheClientCpus() {
        assertTrue(new Overload(2, List.of(1, 3)).statement().isEmpty());
        assertTrue(new Overload(8, List.of()).statement().isEmpty(), "no CPU set known: nothing to judge against");
        Overload o = new Overload(3, List.of(1));
        assertEquals("OVERLOAD: 3 client threads on 1 client CPU(s) [1]: 2 thread(s) have no CPU of their own and"
                + " share the client CPUs, so their latency includes waiting for a CPU", o.statement().orElseThrow());
        assertTrue(o.hasOwnCpu(0));
        assertTrue(!o.hasOwnCpu(1) && !o.hasOwnCpu(2));
    }
}
