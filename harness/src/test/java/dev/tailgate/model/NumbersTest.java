package dev.tailgate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast formatter must give exactly what the BigDecimal path gives, or step aside. */
class NumbersTest {

    private static int fastOnes;
    private static int all;

    private static void same(double v) {
        String fast = Numbers.formatFast(v);
        all++;
        if (fast != null) {
            fastOnes++;
            assertEquals(Numbers.round(v, 4).toPlainString(), fast, () -> "v=" + v + " (" + Double.toString(v) + ")");
        }
    }

    @Test
    void agreesWithBigDecimalOnRandomValuesOfEveryMagnitude() {
        SplittableRandom r = new SplittableRandom(20_261_126L);
        fastOnes = 0;
        all = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double v = Math.pow(10, r.nextDouble(-12, 15)) * (r.nextBoolean() ? 1 : -1);
            same(v);
        }
        // the fast path must carry nearly everything, or it buys nothing
        assertEquals(1.0, (double) fastOnes / all, 1e-4);
    }

    @Test
    void agreesOnShortDecimalsIntegersAndTies() {
        SplittableRandom r = new SplittableRandom(7);
        fastOnes = 0;
        all = 0;
        for (int i = 0; i < 300_000; i++) {
            long digits = r.nextLong(1, 100_000_000L);
            int scale = r.nextInt(-3, 9);
            same(digits / Math.pow(10, scale));
            same(Double.parseDouble(digits + "e" + (-scale)));
        }
        // short decimals (17.52, 2, 0.5) are the common case in reports: no fallback for them
        assertEquals(1.0, (double) fastOnes / all, 0.02);
        for (double v : new double[] {0.0, -0.0, 1, 9999, 9999.5, 9998.5, 99995, 99985, 0.12355, 0.12345, 1234.5, 1235.5,
            1e-18, 9.9999e17, 17.52, 0.0001235, 1e-5, 123456789, 0.1 + 0.2, 1e17, 2.5e-7}) {
            same(v);
            same(-v);
        }
    }

    @Test
    void formatsAsDocumented() {
        assertEquals("17.52", Numbers.format(17.52));
        assertEquals("1234", Numbers.format(1234));
        assertEquals("12340", Numbers.format(12345));
        assertEquals("0.0001235", Numbers.format(0.00012345678));
        assertEquals("0", Numbers.format(-0.0));
        assertEquals("-3.5", Numbers.format(-3.5));
        assertEquals("n/a", Numbers.format(Double.NaN));
        assertEquals("-inf", Numbers.format(Double.NEGATIVE_INFINITY));
    }
}
