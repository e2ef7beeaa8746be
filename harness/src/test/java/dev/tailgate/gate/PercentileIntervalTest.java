package dev.tailgate.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.model.IterationHistogram;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PercentileIntervalTest {

    @Test
    void ranksMatchTheExactBinomialCase() {
        // Bin(10, 0.5): P(B<=1)=0.0107 <= 0.025 < P(B<=2)=0.0547, P(B<=7)=0.945 < 0.975 <= P(B<=8)=0.989.
        assertArrayEquals(new long[] {2, 9}, PercentileInterval.ranks(10, 0.5, 0.95));
    }

    @Test
    void tooFewSamplesLeaveTheUpperSideUnbounded() {
        IterationHistogram h = histogram(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        Interval i = PercentileInterval.of(h, 0.999, 0.95);
        assertEquals(Double.POSITIVE_INFINITY, i.high());
        assertTrue(i.low() <= 10);
    }

    @Test
    void lowPercentileOfFewSamplesIsUnboundedBelow() {
        Interval i = PercentileInterval.of(histogram(new double[] {1, 2, 3}), 0.01, 0.95);
        assertEquals(Double.NEGATIVE_INFINITY, i.low());
    }

    @Test
    void largeCountsStayCheapAndNarrow() {
        // 10 million operations in 3 buckets: the window walk must not scale with n.
        IterationHistogram h = new IterationHistogram(new double[] {10, 20, 30}, new long[] {9_000_000, 990_000, 10_000});
        Interval i = PercentileInterval.of(h, 0.999, 0.95);
        // Rank ceil(0.999 n) = 9,990,000 is the last operation at 20; the interval reaches 30.
        assertEquals(20, i.estimate());
        assertEquals(20, i.low());
        assertEquals(30, i.high());
    }

    static Stream<Arguments> distributions() {
        double[] z = {1.2815515655446004, 2.3263478740408408, 3.090232306167813};
        double[] ps = {0.9, 0.99, 0.999};
        int[] ns = {300, 2_000, 6_000};
        Stream.Builder<Arguments> b = Stream.builder();
        for (int k = 0; k < ps.length; k++) {
            double p = ps[k];
            double zp = z[k];
            b.add(Arguments.of("exponential", p, ns[k], (DoubleUnaryOperator) u -> -Math.log(1 - u), -Math.log(1 - p)));
            b.add(Arguments.of("lognormal", p, ns[k], null, Math.exp(zp)));
            b.add(Arguments.of("pareto a=2", p, ns[k], (DoubleUnaryOperator) u -> Math.pow(1 - u, -0.5), Math.pow(1 - p, -0.5)));
        }
        return b.build();
    }

    /**
     * Over many seeds, the 95% interval must contain the known true percentile about 95% of
     * the time: not less (it would fail healthy runs) and not much more (it would be useless).
     */
    @ParameterizedTest(name = "{0} p={1} n={2}")
    @MethodSource("distributions")
    void coverageIsNearNominal(String name, double p, int n, DoubleUnaryOperator inverseCdf, double truth) {
        int trials = 400;
        int covered = 0;
        for (int seed = 0; seed < trials; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed * 7919L + n);
            double[] xs = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = inverseCdf == null ? Math.exp(gaussian(rnd)) : inverseCdf.applyAsDouble(rnd.nextDouble());
            }
            Interval ci = PercentileInterval.of(histogram(xs), p, 0.95);
            if (ci.low() <= truth && truth <= ci.high()) {
                covered++;
            }
        }
        double coverage = covered / (double) trials;
        // 3 standard errors of a binomial proportion at 0.95 over 400 trials is about 0.033.
        assertTrue(coverage >= 0.917, name + " coverage " + coverage);
        assertTrue(coverage <= 0.995, name + " coverage " + coverage + " is far above nominal: interval too wide");
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    static IterationHistogram histogram(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        double[] v = new double[sorted.length];
        long[] c = new long[sorted.length];
        int m = 0;
        for (double x : sorted) {
            if (m > 0 && v[m - 1] == x) {
                c[m - 1]++;
            } else {
                v[m] = x;
                c[m++] = 1;
            }
        }
        return new IterationHistogram(Arrays.copyOf(v, m), Arrays.copyOf(c, m));
    }
}
