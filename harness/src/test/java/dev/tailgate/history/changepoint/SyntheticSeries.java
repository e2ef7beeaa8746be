package dev.tailgate.history.changepoint;

import java.util.SplittableRandom;

/**
 * Generated nightly series for the change-point tests, the evaluation and the Otava cross-check:
 * a level per point times log-normal noise of a given coefficient of variation (latencies are
 * positive and right-skewed), so a step of s% is a ratio of 1 + s/100 between segment means.
 */
final class SyntheticSeries {
    static final double BASE = 100.0;

    private SyntheticSeries() {
    }

    /** Multiplies each level by mean-one log-normal noise with coefficient of variation {@code cv}. */
    static double[] noisy(double[] levels, double cv, SplittableRandom random) {
        double sigma = Math.sqrt(Math.log1p(cv * cv));
        double[] x = new double[levels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = levels[i] * Math.exp(sigma * gaussian(random) - sigma * sigma / 2);
        }
        return x;
    }

    /** {@code BASE} up to {@code at}, then {@code BASE * ratio}. */
    static double[] step(int length, int at, double ratio) {
        double[] levels = new double[length];
        for (int i = 0; i < length; i++) {
            levels[i] = i < at ? BASE : BASE * ratio;
        }
        return levels;
    }

    /** {@code BASE}, growing by {@code ratio} every {@code period} points, smoothly. */
    static double[] drift(int length, double ratio, int period) {
        double[] levels = new double[length];
        for (int i = 0; i < length; i++) {
            levels[i] = BASE * Math.pow(ratio, (double) i / period);
        }
        return levels;
    }

    /** {@code x} with the points at {@code positions} multiplied by {@code factor}. */
    static double[] spikes(double[] x, double factor, int... positions) {
        double[] y = x.clone();
        for (int p : positions) {
            y[p] *= factor;
        }
        return y;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
