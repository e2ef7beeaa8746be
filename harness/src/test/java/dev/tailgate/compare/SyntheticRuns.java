package dev.tailgate.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Generated arms with a realistic latency shape and known effects, for tests and the
 * statistics benchmark. Body: lognormal (median ~30 µs, sigma 0.25, like a loopback Redis
 * round trip); tail: a Pareto component (0.5% of calls, from 100 µs, index 1.5: stalls, GC,
 * scheduler hiccups). Every fork is scaled by its own random factor (sd {@code forkSigma}, a
 * few %: JIT, placement and frequency differ per JVM launch), every iteration by a smaller one.
 *
 * <p>Effects: {@code scale} multiplies every sample (shifts p50 and the tail alike);
 * {@code tailScale} multiplies only the Pareto samples, which lie above p99.5, so p50 and p99
 * stay where they are while p99.9 and p99.99 move by that factor.
 */
final class SyntheticRuns {
    static final double MEDIAN_NS = 30_000;
    static final double BODY_SIGMA = 0.25;
    static final double TAIL_WEIGHT = 0.005;
    static final double TAIL_START_NS = 100_000;
    static final double TAIL_INDEX = 1.5;

    /**
     * exp(BODY_SIGMA · z) at 2^16 evenly spaced normal quantiles: drawing a lognormal becomes one
     * table lookup (the tests generate ~10^8 samples). Relative spacing near the median is 1e-5,
     * far below the histograms' 0.1% resolution; the body is cut at ±4.3 sigma, which lies
     * beyond p99.99 of the body and is covered by the Pareto tail anyway.
     */
    private static final double[] BODY = new double[1 << 16];

    static {
        for (int k = 0; k < BODY.length; k++) {
            BODY[k] = Math.exp(BODY_SIGMA * dev.tailgate.model.Stats.normalQuantile((k + 0.5) / BODY.length));
        }
    }

    record Shape(int forks, int iterations, int samplesPerIteration, double forkSigma, double iterationSigma) {
        /** A sample-mode JMH run: {@code forks} × 5 iterations × 8,000 samples, fork offsets 3%, iteration 1%. */
        static Shape realistic(int forks) {
            return new Shape(forks, 5, 8_000, 0.03, 0.01);
        }

        Shape withSamples(int perIteration) {
            return new Shape(forks, iterations, perIteration, forkSigma, iterationSigma);
        }
    }

    private SyntheticRuns() {
    }

    /** A sample-mode arm: one latency histogram (ns) per iteration, no scores. */
    static Arm latencyArm(Shape shape, double scale, double tailScale, SplittableRandom rng) {
        List<Fork> forks = new ArrayList<>();
        for (int f = 0; f < shape.forks(); f++) {
            double forkFactor = Math.exp(shape.forkSigma() * rng.nextGaussian());
            List<Histogram> its = new ArrayList<>();
            for (int i = 0; i < shape.iterations(); i++) {
                double factor = scale * forkFactor * Math.exp(shape.iterationSigma() * rng.nextGaussian());
                Histogram h = new Histogram(3_600_000_000_000L, 3);
                for (int n = 0; n < shape.samplesPerIteration(); n++) {
                    double v;
                    if (rng.nextDouble() < TAIL_WEIGHT) {
                        v = tailScale * TAIL_START_NS * Math.pow(1 - rng.nextDouble(), -1 / TAIL_INDEX);
                    } else {
                        v = MEDIAN_NS * BODY[rng.nextInt(BODY.length)];
                    }
                    h.recordValue(Math.max(1, Math.round(v * factor)));
                }
                its.add(h);
            }
            forks.add(Fork.ofHistograms(its));
        }
        return new Arm(ScoreKind.TIME_PER_OP, forks);
    }

    /**
     * A score-only arm (JMH avgt or thrpt): per iteration a score around {@code center} with the
     * same fork and iteration spread as the latency arms, plus 2% iteration noise.
     */
    static Arm scoreArm(Shape shape, ScoreKind kind, double center, SplittableRandom rng) {
        List<Fork> forks = new ArrayList<>();
        for (int f = 0; f < shape.forks(); f++) {
            double forkFactor = Math.exp(shape.forkSigma() * rng.nextGaussian());
            double[] scores = new double[shape.iterations()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = center * forkFactor * Math.exp(Math.hypot(shape.iterationSigma(), 0.02) * rng.nextGaussian());
            }
            forks.add(Fork.ofScores(scores));
        }
        return new Arm(kind, forks);
    }
}
