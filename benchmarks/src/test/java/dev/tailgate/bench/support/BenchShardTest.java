package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchShardTest {

    @Test
    void shardsKeyIndicesAreDisjointAndCoverTheWholeRange() {
        int n = 3;
        int perShard = 5;
        Set<Long> seen = new HashSet<>();
        for (int i = 1; i <= n; i++) {
            BenchShard s = new BenchShard(i, n);
            for (int j = 0; j < perShard; j++) {
                assertTrue(seen.add(s.keyIndex(j)), "index " + s.keyIndex(j) + " taken twice");
                assertEquals(i - 1, s.keyIndex(j) % n);
            }
        }
        for (long k = 0; k < (long) n * perShard; k++) {
            assertTrue(seen.contains(k), "index " + k + " not owned by any shard");
        }
    }

    @Test
    void shardRatesAddUpToTheTotal() {
        for (long total : new long[] {1000, 10000, 50000, 7, 1001}) {
            for (int n = 1; n <= 8; n++) {
                long sum = 0;
                for (int i = 1; i <= n; i++) {
                    long r = new BenchShard(i, n).rate(total);
                    assertTrue(r >= total / n && r <= total / n + 1);
                    sum += r;
                }
                assertEquals(total, sum, total + " over " + n + " shards");
            }
        }
    }

    @Test
    void wholeRunIsTheDefaultAndBadValuesNameTheProperty() {
        assertEquals(BenchShard.WHOLE, BenchShard.parse(null));
        assertEquals(new BenchShard(2, 4), BenchShard.parse("2/4"));
        assertEquals(7, BenchShard.WHOLE.keyIndex(7));
        for (String bad : new String[] {"0/2", "3/2", "x/2", "1", "1/0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchShard.parse(bad));
            assertTrue(e.getMessage().startsWith(BenchShard.PROPERTY + ": expected i/N"), e.getMessage());
        }
    }
}
