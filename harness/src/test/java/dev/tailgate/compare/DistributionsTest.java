package dev.tailgate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Reference values from SciPy 1.x (stats.t, stats.norm); relative accuracy matters in the tails. */
class DistributionsTest {

    @Test
    void studentTQuantilesAndTails() {
        assertEquals(2.7764451051977934, StudentT.quantile(0.975, 4), 1e-8);
        assertEquals(2.306004135204166, StudentT.quantile(0.975, 8), 1e-8);
        assertEquals(0.5, StudentT.cdf(0, 7), 1e-15);
        assertEquals(0.0002810018113579955, StudentT.cdf(-10, 4), 0.0002810018113579955 * 1e-6);
        assertEquals(5.6349855530039275e-06, StudentT.cdf(-6, 18), 5.6349855530039275e-06 * 1e-6);
        assertEquals(1 - 0.0002810018113579955, StudentT.cdf(10, 4), 1e-12);
    }

    @Test
    void normalTailIsRelativelyAccurate() {
        assertEquals(9.865876450376946e-10, Normal.cdf(-6), 9.865876450376946e-10 * 1e-6);
        assertEquals(1.959963984540054, Normal.quantile(0.975), 1e-7);
    }
}
