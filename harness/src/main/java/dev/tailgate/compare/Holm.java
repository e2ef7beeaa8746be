package dev.tailgate.compare;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm–Bonferroni step-down adjustment. With m checks sorted by p-value, the k-th smallest
 * (k = 1..m) is compared with alpha / (m - k + 1) and testing stops at the first that fails.
 * Expressed as adjusted p-values: {@code adj(k) = max over j <= k of min(1, (m - j + 1) p(j))};
 * a check is rejected at family level alpha exactly when its adjusted p-value is <= alpha.
 * Controls the family-wise error rate under any dependence between checks (our percentiles of
 * one benchmark are strongly dependent), unlike procedures that assume independence.
 */
public final class Holm {
    private Holm() {
    }

    /** Adjusted p-values in the order given. Ties keep their input order, so the result is deterministic. */
    public static double[] adjust(double[] pValues) {
        int m = pValues.length;
        for (double p : pValues) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p-value must be in [0, 1], was " + p);
            }
        }
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int k = 0; k < m; k++) {
            int i = order[k];
            running = Math.max(running, Math.min(1.0, (m - k) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
