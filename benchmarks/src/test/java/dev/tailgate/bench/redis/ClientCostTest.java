package dev.tailgate.bench.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailgate.bench.redis.ClientCost.Client;
import dev.tailgate.bench.redis.ClientCost.Percentiles;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The pure half of the paired client-cost measurement: order, percentiles, differences, output. */
class ClientCostTest {

    @Test
    void everyBlockCallsEachClientOnceAndEveryClientFollowsEveryOther() {
        Set<List<Client>> predecessorPairs = new HashSet<>();
        Map<Client, Integer> calls = new EnumMap<>(Client.class);
        Client previous = null;
        for (long block = 0; block < ClientCost.ORDERS.size(); block++) {
            Client[] order = ClientCost.order(block);
            assertEquals(EnumSet.allOf(Client.class), EnumSet.of(order[0], order[1], order[2]), "block " + block);
            for (Client c : order) {
                calls.merge(c, 1, Integer::sum);
                if (previous != null) {
                    predecessorPairs.add(List.of(previous, c));
                }
                previous = c;
            }
        }
        assertEquals(6, predecessorPairs.size(), "each ordered pair of distinct clients occurs: " + predecessorPairs);
        assertEquals(Map.of(Client.RAW, 6, Client.JEDIS, 6, Client.LETTUCE, 6), calls);
        assertEquals(List.of(ClientCost.order(0)), List.of(ClientCost.order(6)), "the orders repeat every six blocks");
        assertEquals(List.of(ClientCost.order(5)), List.of(ClientCost.order(-1)));
    }

    @Test
    void percentilesComeFromTheHistogram() {
        Histogram h = new Histogram(10_000_000_000L, 3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i * 1000L);
        }
        Percentiles p = Percentiles.of(h);
        assertEquals(1000, p.calls());
        assertEquals(500_000, p.p50(), 500);
        assertEquals(990_000, p.p99(), 1000);
        assertEquals(999_000, p.p999(), 1000);
        assertEquals(new Percentiles(0, 0, 0, 0), Percentiles.of(new Histogram(3)));
    }

    @Test
    void differencesAreClientMinusRawPerPercentileAndMayBeNegative() {
        ClientCost.Result r = new ClientCost.Result("channel", new Percentiles(10, 20_000, 30_000, 40_000),
                new Percentiles(10, 21_500, 29_000, 50_000), new Percentiles(9, 26_000, 45_250, 90_000));
        assertEquals(new ClientCost.Difference(1_500, -1_000), r.jedisMinusRaw());
        assertEquals(new ClientCost.Difference(6_000, 15_250), r.lettuceMinusRaw());
        assertTrue(r.complete());
        assertFalse(new ClientCost.Result("stream", new Percentiles(10, 1, 1, 1), new Percentiles(0, 0, 0, 0),
                new Percentiles(10, 1, 1, 1)).complete());
    }

    @Test
    void linesAndJsonCarryEveryClientAndBothDifferencesInMicroseconds() throws Exception {
        ClientCost.Result r = new ClientCost.Result("channel", new Percentiles(10, 20_000, 30_000, 40_000),
                new Percentiles(11, 21_500, 29_000, 50_000), new Percentiles(9, 26_000, 45_250, 90_000));
        List<String> lines = r.lines();
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).startsWith("raw-channel") && lines.get(0).contains("p50 20.000"), lines.get(0));
        assertTrue(lines.get(3).startsWith("jedis - raw-channel") && lines.get(3).contains("p50 +1.500")
                && lines.get(3).contains("p99 -1.000"), lines.get(3));
        JsonNode j = new ObjectMapper().readTree(r.json());
        assertEquals("channel", j.get("io").asText());
        assertEquals(11, j.get("jedis").get("calls").asLong());
        assertEquals(90.0, j.get("lettuce").get("p99.9").asDouble());
        assertEquals(1.5, j.get("jedis_minus_raw_paired").get("p50").asDouble());
        assertEquals(-1.0, j.get("jedis_minus_raw_paired").get("p99").asDouble());
        assertEquals(15.25, j.get("lettuce_minus_raw_paired").get("p99").asDouble());
    }
}
