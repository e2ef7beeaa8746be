package dev.tailgate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsTest {
    /** Reference values from standard t tables. */
    @ParameterizedTest
    @CsvSource({
        "0.975, 1, 12.7062",
        "0.975, 2, 4.3027",
        "0.975, 4, 2.7764",
        "0.975, 9, 2.2622",
        "0.975, 30, 2.0423",
        "0.995, 3, 5.8409",
        "0.95, 1000, 1.6464",
    })
    void quantileMatchesTables(double q, int df, double expected) {
        assertEquals(expected, Stats.tQuantile(q, df), 5e-4);
    }

    /** Reference values from SciPy 1.x (stats.t, stats.norm); relative accuracy matters in the tails. */
    @Test
    void quantilesAndTailsMatchSciPy() {
        assertEquals(2.7764451051977934, Stats.tQuantile(0.975, 4), 1e-8);
        assertEquals(2.306004135204166, Stats.tQuantile(0.975, 8), 1e-8);
        assertEquals(0.5, Stats.tCdf(0, 7), 1e-15);
        assertEquals(0.0002810018113579955, Stats.tCdf(-10, 4), 0.0002810018113579955 * 1e-6);
        assertEquals(5.6349855530039275e-06, Stats.tCdf(-6, 18), 5.6349855530039275e-06 * 1e-6);
        assertEquals(1 - 0.0002810018113579955, Stats.tCdf(10, 4), 1e-12);
        assertEquals(1.959963984540054, Stats.normalQuantile(0.975), 1e-7);
    }

    @Test
    void sampleStandardDeviationAndBadArguments() {
        assertEquals(Math.sqrt(2.5), Stats.standardDeviation(new double[] {1, 2, 3, 4, 5}), 1e-15);
        assertTrue(Double.isNaN(Stats.standardDeviation(new double[] {7})));
        assertThrows(IllegalArgumentException.class, () -> Stats.tQuantile(1, 3));
        assertThrows(IllegalArgumentException.class, () -> Stats.tQuantile(0.9, 0));
    }
}
