package dev.tailgate.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated paired A/B data on a host whose speed switches between regimes, for tests and
 * {@link PairedStatisticsBenchmark}. The host: two speeds {@code slowFactor} (1.6) apart, each
 * regime lasting a uniform 5-60 s, plus a linear drift of up to ±25% per hour (slope drawn per
 * run). Rounds run back to back in ABBA order (round 1 baseline first, round 2 candidate
 * first, ...), each side {@code sideSeconds} long and split into {@code iterationsPerSide}
 * iterations. An iteration's latencies: the {@link SyntheticRuns} shape (lognormal body, median
 * 30 µs, sigma 0.25; Pareto tail, 0.5% of calls from 100 µs, index 1.5) times the host's speed
 * when each call ran (a closed loop makes fewer calls while the host is slow), times the drift,
 * times a per-fork factor (a JVM launch: fresh per side for fork-level rounds, shared by both
 * sides of a JMH fork for iteration-level rounds, which may get a per-arm factor per fork when
 * the two servers are placed anew per fork) and a 1% per-iteration factor.
 *
 * <p>Latency counts go straight into 0.1% log buckets (the resolution of a 3-digit
 * HdrHistogram), without Histogram objects: the calibration tables draw ~10^10 samples.
 *
 * <p>Effects on the candidate: {@code scale} multiplies every call; {@code tailFraction} of
 * calls get {@code tailAddNs} added (only the tail moves: "1% of calls +1 ms").
 */
final class RegimeHost {
    static final double SLOW_FACTOR = 1.6;
    static final double MIN_REGIME_S = 5;
    static final double MAX_REGIME_S = 60;
    static final double MAX_DRIFT_PER_HOUR = 0.25;

    private static final double STEP = Math.log1p(1e-3);
    private static final double LOG_MIN = Math.log(1_000);
    private static final int BUCKETS = (int) ((Math.log(1e11) - LOG_MIN) / STEP) + 1;
    private static final double[] Z = new double[1 << 16];

    static {
        for (int k = 0; k < Z.length; k++) {
            Z[k] = dev.tailgate.model.Stats.normalQuantile((k + 0.5) / Z.length);
        }
    }

    /** The candidate's change. */
    record Effect(String name, double scale, double tailFraction, double tailAddNs) {
        static final Effect NONE = new Effect("A/A", 1, 0, 0);

        static Effect scale(String name, double scale) {
            return new Effect(name, scale, 0, 0);
        }

        static Effect tail(String name, double fraction, double addNs) {
            return new Effect(name, 1, fraction, addNs);
        }
    }

    /**
     * How the rounds are laid out.
     *
     * @param roundsPerFork 0 for fork-level rounds (each side its own JMH fork); otherwise
     *     iteration-level rounds, this many per JMH fork
     */
    record Layout(int rounds, double sideSeconds, int iterationsPerSide, int samplesPerIteration, int roundsPerFork,
                  double slowFactor, double armSigma) {
        /** Fork-level rounds: each side one JMH fork of 5 iterations of 2 s, 2,000 samples each. */
        static Layout forkRounds(int rounds) {
            return new Layout(rounds, 10, 5, 2_000, 0, SLOW_FACTOR, 0);
        }

        /**
         * Iteration-level rounds: each side one 1 s iteration of 2,000 samples, 8 rounds per JMH
         * fork, the same two servers in every fork (no per-arm factor per fork).
         */
        static Layout iterationRounds(int rounds) {
            return new Layout(rounds, 1, 1, 2_000, 8, SLOW_FACTOR, 0);
        }

        Layout withSlowFactor(double f) {
            return new Layout(rounds, sideSeconds, iterationsPerSide, samplesPerIteration, roundsPerFork, f, armSigma);
        }

        /** Iteration-level rounds whose two servers are placed anew per JMH fork: a per-arm factor of sd {@code s} per fork. */
        Layout withArmSigma(double s) {
            return new Layout(rounds, sideSeconds, iterationsPerSide, samplesPerIteration, roundsPerFork, slowFactor, s);
        }
    }

    /** Regime switch times (s) and whether each regime is slow, from t = 0 to at least {@code seconds}. */
    private record Timeline(double[] starts, boolean[] slow, double driftPerSecond) {
        static Timeline of(double seconds, SplittableRandom rng) {
            List<Double> starts = new ArrayList<>();
            boolean first = rng.nextBoolean();
            double t = -rng.nextDouble() * MAX_REGIME_S;
            while (t < seconds) {
                starts.add(t);
                t += MIN_REGIME_S + rng.nextDouble() * (MAX_REGIME_S - MIN_REGIME_S);
            }
            boolean[] slow = new boolean[starts.size()];
            for (int i = 0; i < slow.length; i++) {
                slow[i] = (i % 2 == 0) == first;
            }
            double drift = (2 * rng.nextDouble() - 1) * MAX_DRIFT_PER_HOUR / 3600;
            return new Timeline(starts.stream().mapToDouble(Double::doubleValue).toArray(), slow, drift);
        }

        /** Share of [from, to) spent in slow regimes. */
        double slowShare(double from, double to) {
            double slowTime = 0;
            for (int i = 0; i < starts.length; i++) {
                double end = i + 1 < starts.length ? starts[i + 1] : Double.POSITIVE_INFINITY;
                double overlap = Math.min(end, to) - Math.max(starts[i], from);
                if (slow[i] && overlap > 0) {
                    slowTime += overlap;
                }
            }
            return slowTime / (to - from);
        }
    }

    private RegimeHost() {
    }

    /** One benchmark's paired rounds on a fresh host. */
    static PairedInput generate(Layout layout, Effect effect, SplittableRandom rng) {
        double iterationSeconds = layout.sideSeconds() / layout.iterationsPerSide();
        Timeline host = Timeline.of(2 * layout.rounds() * layout.sideSeconds(), rng);
        int[] scratch = new int[BUCKETS];
        List<List<PairedRound>> groups = new ArrayList<>();
        List<PairedRound> group = new ArrayList<>();
        double forkFactor = 1;
        double[] armFactor = {1, 1};
        double t = 0;
        for (int r = 0; r < layout.rounds(); r++) {
            boolean iterationLevel = layout.roundsPerFork() > 0;
            if (iterationLevel && r % layout.roundsPerFork() == 0) {
                forkFactor = Math.exp(0.03 * rng.nextGaussian());
                armFactor = new double[] {Math.exp(layout.armSigma() * rng.nextGaussian()),
                        Math.exp(layout.armSigma() * rng.nextGaussian())};
            }
            Fork[] sides = new Fork[2];
            for (int k = 0; k < 2; k++) {
                int arm = (r % 2 == 0) == (k == 0) ? 0 : 1;
                double launch = iterationLevel ? forkFactor * armFactor[arm] : Math.exp(0.03 * rng.nextGaussian());
                List<LatencyCounts> its = new ArrayList<>();
                for (int i = 0; i < layout.iterationsPerSide(); i++) {
                    double factor = launch * Math.exp(0.01 * rng.nextGaussian())
                            * (1 + host.driftPerSecond() * (t + iterationSeconds / 2));
                    its.add(iteration(layout, host.slowShare(t, t + iterationSeconds), factor,
                            arm == 1 ? effect : Effect.NONE, rng, scratch));
                    t += iterationSeconds;
                }
                sides[arm] = Fork.ofLatencies(its);
            }
            group.add(new PairedRound(sides[0], sides[1]));
            if (!iterationLevel || group.size() == layout.roundsPerFork() || r == layout.rounds() - 1) {
                groups.add(group);
                group = new ArrayList<>();
            }
        }
        return new PairedInput("b", ScoreKind.TIME_PER_OP,
                layout.roundsPerFork() > 0 ? Design.PAIRED_ITERATION_ROUNDS : Design.PAIRED_FORK_ROUNDS, groups,
                StatisticSource.JMH_SAMPLE_HISTOGRAM);
    }

    /** Latency counts of one iteration that spent {@code slowShare} of its time in slow regimes. */
    private static LatencyCounts iteration(Layout layout, double slowShare, double factor, Effect effect,
                                           SplittableRandom rng, int[] counts) {
        // A closed loop makes 1/slowFactor as many calls per second while the host is slow.
        double slowCalls = slowShare / layout.slowFactor();
        double slowWeight = slowCalls / (slowCalls + 1 - slowShare);
        int n = layout.samplesPerIteration();
        int slowN = (int) Math.round(n * slowWeight);
        double logFast = Math.log(factor * effect.scale());
        double logSlow = logFast + Math.log(layout.slowFactor());
        double logMedian = Math.log(SyntheticRuns.MEDIAN_NS);
        double logTailStart = Math.log(SyntheticRuns.TAIL_START_NS);
        for (int s = 0; s < n; s++) {
            double shift = s < slowN ? logSlow : logFast;
            double log;
            if (rng.nextDouble() < SyntheticRuns.TAIL_WEIGHT) {
                log = logTailStart - Math.log(1 - rng.nextDouble()) / SyntheticRuns.TAIL_INDEX + shift;
            } else {
                log = logMedian + SyntheticRuns.BODY_SIGMA * Z[rng.nextInt(Z.length)] + shift;
            }
            if (effect.tailFraction() > 0 && rng.nextDouble() < effect.tailFraction()) {
                log = Math.log(Math.exp(log) + effect.tailAddNs());
            }
            counts[Math.max(0, Math.min(BUCKETS - 1, (int) ((log - LOG_MIN) / STEP)))]++;
        }
        return compress(counts);
    }

    /** The non-empty buckets at their upper values; clears {@code counts}. */
    private static LatencyCounts compress(int[] counts) {
        long[] v = new long[256];
        long[] c = new long[256];
        int m = 0;
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] != 0) {
                if (m == v.length) {
                    v = Arrays.copyOf(v, 2 * m);
                    c = Arrays.copyOf(c, 2 * m);
                }
                v[m] = Math.round(Math.exp(LOG_MIN + (b + 1) * STEP));
                c[m++] = counts[b];
                counts[b] = 0;
            }
        }
        return LatencyCounts.adopt(Arrays.copyOf(v, m), Arrays.copyOf(c, m));
    }
}
