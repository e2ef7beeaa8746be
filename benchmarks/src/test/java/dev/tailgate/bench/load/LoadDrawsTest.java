package dev.tailgate.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The seeded draws behind a load shape, over many draws: proportions within bounds that a
 * correct sampler misses with negligible probability (several standard deviations), and the
 * same sequence for the same seed.
 */
class LoadDrawsTest {
    private static final int DRAWS = 200_000;

    @Test
    void mixDrawsCommandsInProportionToTheirWeights() {
        CommandMix.Picker p = CommandMix.parse("GET:10,SET:1,PING:5").picker(42);
        int[] n = new int[3];
        for (int i = 0; i < DRAWS; i++) {
            n[p.next()]++;
        }
        assertClose(DRAWS * 10.0 / 16, n[0], "GET");
        assertClose(DRAWS * 1.0 / 16, n[1], "SET");
        assertClose(DRAWS * 5.0 / 16, n[2], "PING");
    }

    @Test
    void uniformKeysAreEquallyLikely() {
        int keys = 100;
        int[] n = counts(KeyDistribution.parse("uniform").chooser(keys, 7), keys);
        for (int k = 0; k < keys; k++) {
            assertClose((double) DRAWS / keys, n[k], "key " + k);
        }
    }

    @Test
    void zipfKeysFollowOneOverRankToTheS() {
        int keys = 1000;
        double s = 0.99;
        int[] n = counts(KeyDistribution.parse("zipf:" + s).chooser(keys, 7), keys);
        double h = 0;
        for (int k = 1; k <= keys; k++) {
            h += Math.pow(k, -s);
        }
        for (int k : new int[] {0, 1, 2, 9, 99}) {
            assertClose(DRAWS * Math.pow(k + 1, -s) / h, n[k], "rank " + (k + 1));
        }
        assertTrue(n[0] > 10 * n[99], "the hottest key is far hotter than the 100th: " + n[0] + " vs " + n[99]);
    }

    @Test
    void sequentialKeysCycleInOrder() {
        KeyDistribution.Chooser c = KeyDistribution.parse("sequential").chooser(3, 7);
        int[] got = new int[7];
        for (int i = 0; i < got.length; i++) {
            got[i] = c.next();
        }
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0}, got);
    }

    @Test
    void sameSeedSameDraws() {
        KeyDistribution.Chooser a = KeyDistribution.parse("zipf:1.2").chooser(500, 3);
        KeyDistribution.Chooser b = KeyDistribution.parse("zipf:1.2").chooser(500, 3);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.next(), b.next());
        }
    }

    @Test
    void valueSizesAreDrawnUniformlyFromTheTable() {
        ValueSizes v = ValueSizes.parse("choice:16,128,1024");
        ValueSizes.Picker p = v.picker(11);
        int[] n = new int[3];
        for (int i = 0; i < DRAWS; i++) {
            n[p.next()]++;
        }
        for (int i = 0; i < 3; i++) {
            assertClose(DRAWS / 3.0, n[i], "size " + v.table().get(i));
        }
        ValueSizes u = ValueSizes.parse("uniform:16-4096");
        ValueSizes.Picker q = u.picker(11);
        double mean = 0;
        for (int i = 0; i < DRAWS; i++) {
            mean += u.table().get(q.next());
        }
        mean /= DRAWS;
        assertTrue(Math.abs(mean - (16 + 4096) / 2.0) < 20, "uniform 16-4096 has mean 2056, got " + mean);
    }

    private static int[] counts(KeyDistribution.Chooser c, int keys) {
        int[] n = new int[keys];
        for (int i = 0; i < DRAWS; i++) {
            n[c.next()]++;
        }
        return n;
    }

    /** Within 5 binomial standard deviations (plus one) of the expectation. */
    private static void assertClose(double expected, int got, String what) {
        double p = expected / DRAWS;
        double sd = Math.sqrt(DRAWS * p * (1 - p));
        assertTrue(Math.abs(got - expected) <= 5 * sd + 1,
                what + ": expected about " + Math.round(expected) + " (sd " + Math.round(sd) + "), got " + got);
    }
}
