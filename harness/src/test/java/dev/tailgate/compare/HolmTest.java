package dev.tailgate.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HolmTest {

    /**
     * By hand, m = 4: sorted p = 0.005, 0.01, 0.03, 0.04 are multiplied by 4, 3, 2, 1 giving
     * 0.02, 0.03, 0.06, 0.04, and the running maximum makes the last 0.06. At alpha 0.05 the
     * first two are rejected; plain Bonferroni (× 4) would reject only 0.005.
     */
    @Test
    void adjustsAsWorkedByHand() {
        double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, adjusted, 1e-12);
    }

    @Test
    void capsAtOneAndKeepsTiesDeterministic() {
        assertArrayEquals(new double[] {1.0, 1.0}, Holm.adjust(new double[] {0.6, 0.6}), 0);
        // Sorted 0.002, 0.01, 0.01 -> 0.006, 0.02, 0.01 -> running maximum 0.006, 0.02, 0.02.
        assertArrayEquals(new double[] {0.02, 0.02, 0.006}, Holm.adjust(new double[] {0.01, 0.01, 0.002}), 1e-12);
    }

    @Test
    void emptyFamilyAndBadInput() {
        assertArrayEquals(new double[0], Holm.adjust(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {Double.NaN}));
    }
}
