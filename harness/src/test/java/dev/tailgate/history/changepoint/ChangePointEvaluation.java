package dev.tailgate.history.changepoint;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Rerunnable detection-rate and false-alarm tables of {@link ChangePoints} for
 * docs/change-points.md, on {@link SyntheticSeries} (log-normal noise). Not a unit test.
 * Arguments: {@code [seeds] [minSegment] [otava]} (defaults 200 and the default options' 5); p-value
 * and window are the defaults; a third argument {@code otava} measures Otava's own method instead
 * ({@link ChangePoints#detectAsOtava}: the t-test alone). Every row uses seeds {@code 0..seeds-1}
 * of its own stream, so a rerun prints the same table.
 */
public final class ChangePointEvaluation {
    private static final double[] CVS = {0.01, 0.02, 0.05};
    private static final double[] STEPS = {0.02, 0.05, 0.10, 0.20};
    private static final int LENGTH = 365;

    private static boolean otava;

    private ChangePointEvaluation() {
    }

    private static List<ChangePoint> detect(double[] x, ChangePointOptions options) {
        return otava ? ChangePoints.detectAsOtava(x, options) : ChangePoints.detect(x, options);
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        ChangePointOptions d = ChangePointOptions.defaults();
        ChangePointOptions options = new ChangePointOptions(d.maxPValue(), d.window(),
                args.length > 1 ? Integer.parseInt(args[1]) : d.minSegment());
        otava = args.length > 2 && args[2].equals("otava");
        long t0 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%d seeds per row; %s%s; series of %d points%n", seeds, options,
                otava ? ", Otava's method (t-test alone)" : "", LENGTH);
        steps(seeds, options);
        recentSteps(seeds, options);
        flat(seeds, options);
        drift(seeds, options);
        outliers(seeds, options);
        System.out.printf(Locale.ROOT, "%n(%.0f s)%n", (System.nanoTime() - t0) / 1e9);
    }

    private static SplittableRandom random(int row, int seed) {
        return new SplittableRandom(0xC4A9_0000L + 1000L * row + seed);
    }

    /** A step in the middle: found (a point within 3 of it, on the right side), exactly, extras. */
    private static void steps(int seeds, ChangePointOptions options) {
        System.out.println("\nOne step at point 180 of 365 (a regression: ratio 1 + step)\n");
        System.out.println("| CV | step | detected (±3 points) | at the exact point | other change points per series |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: |");
        int row = 0;
        for (double cv : CVS) {
            for (double step : STEPS) {
                row++;
                int detected = 0;
                int exact = 0;
                int others = 0;
                for (int seed = 0; seed < seeds; seed++) {
                    double[] x = SyntheticSeries.noisy(SyntheticSeries.step(LENGTH, 180, 1 + step), cv, random(row, seed));
                    List<ChangePoint> points = detect(x, options);
                    ChangePoint hit = nearest(points, 180, 3);
                    detected += hit != null && hit.ratio() > 1 ? 1 : 0;
                    exact += hit != null && hit.index() == 180 ? 1 : 0;
                    others += points.size() - (hit == null ? 0 : 1);
                }
                System.out.printf(Locale.ROOT, "| %.0f%% | +%.0f%% | %s | %s | %.2f |%n", 100 * cv, 100 * step,
                        pct(detected, seeds), pct(exact, seeds), (double) others / seeds);
            }
        }
    }

    /** A step k points before the newest: what `history` can gate on the night after k runs. */
    private static void recentSteps(int seeds, ChangePointOptions options) {
        System.out.println("\nA +10% step k points before the end of 365 (detected: a change point within 3 of it)\n");
        System.out.println("| CV | k = 3 | k = 5 | k = 7 | k = 10 | k = 20 |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
        int row = 100;
        for (double cv : CVS) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %.0f%% |", 100 * cv));
            for (int k : new int[] {3, 5, 7, 10, 20}) {
                row++;
                int detected = 0;
                for (int seed = 0; seed < seeds; seed++) {
                    int at = LENGTH - k;
                    double[] x = SyntheticSeries.noisy(SyntheticSeries.step(LENGTH, at, 1.10), cv, random(row, seed));
                    ChangePoint hit = nearest(detect(x, options), at, 3);
                    detected += hit != null && hit.ratio() > 1 ? 1 : 0;
                }
                line.append(' ').append(pct(detected, seeds)).append(" |");
            }
            System.out.println(line);
        }
    }

    private static void flat(int seeds, ChangePointOptions options) {
        System.out.println("\nFlat series: false change points\n");
        System.out.println("| CV | false change points per 100 points | series with any |");
        System.out.println("| ---: | ---: | ---: |");
        int row = 200;
        for (double cv : new double[] {0.01, 0.02, 0.05, 0.10}) {
            row++;
            int total = 0;
            int any = 0;
            for (int seed = 0; seed < seeds; seed++) {
                double[] x = SyntheticSeries.noisy(SyntheticSeries.step(LENGTH, 0, 1), cv, random(row, seed));
                int n = detect(x, options).size();
                total += n;
                any += n > 0 ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "| %.0f%% | %.3f | %s |%n", 100 * cv, 100.0 * total / (seeds * LENGTH), pct(any, seeds));
        }
    }

    /**
     * Flat for 100 points, then 1% slower every 7 points: when is the creep first reported, how
     * much had it grown by then, and does anything before it start look like a step.
     */
    private static void drift(int seeds, ChangePointOptions options) {
        System.out.println("\nFlat for 100 points, then a drift of +1% per 7 points to the end\n");
        System.out.println("| CV | reported | points from drift start to first change point (median) | drift by then (median) | change points per series (median) | improvements reported |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
        int row = 300;
        for (double cv : CVS) {
            row++;
            int reported = 0;
            int improvements = 0;
            double[] delays = new double[seeds];
            double[] counts = new double[seeds];
            for (int seed = 0; seed < seeds; seed++) {
                double[] levels = SyntheticSeries.drift(LENGTH, 1.01, 7);
                for (int i = 0; i < LENGTH; i++) {
                    levels[i] = i < 100 ? SyntheticSeries.BASE : SyntheticSeries.BASE * Math.pow(1.01, (i - 100) / 7.0);
                }
                List<ChangePoint> points = detect(SyntheticSeries.noisy(levels, cv, random(row, seed)), options);
                int first = points.stream().filter(p -> p.index() > 100).mapToInt(ChangePoint::index).min().orElse(-1);
                reported += first > 0 ? 1 : 0;
                delays[seed] = first > 0 ? first - 100 : Double.POSITIVE_INFINITY;
                counts[seed] = points.size();
                improvements += points.stream().anyMatch(p -> p.ratio() < 1) ? 1 : 0;
            }
            double delay = median(delays);
            System.out.printf(Locale.ROOT, "| %.0f%% | %s | %.0f | +%.1f%% | %.0f | %s |%n", 100 * cv, pct(reported, seeds), delay,
                    100 * (Math.pow(1.01, delay / 7) - 1), median(counts), pct(improvements, seeds));
        }
    }

    /** Flat, CV 2%, with isolated spikes (x2, x3, x10): 1% of the points, and always the newest. */
    private static void outliers(int seeds, ChangePointOptions options) {
        System.out.println("\nFlat, CV 2%, with single-point spikes on 1% of the points and on the newest point\n");
        System.out.println("| spike | false change points per 100 points | series with any |");
        System.out.println("| ---: | ---: | ---: |");
        int row = 400;
        for (double factor : new double[] {2, 3, 10}) {
            row++;
            int total = 0;
            int any = 0;
            for (int seed = 0; seed < seeds; seed++) {
                SplittableRandom r = random(row, seed);
                double[] x = SyntheticSeries.noisy(SyntheticSeries.step(LENGTH, 0, 1), 0.02, r);
                int[] at = r.ints(LENGTH / 100, 0, LENGTH).toArray();
                x = SyntheticSeries.spikes(SyntheticSeries.spikes(x, factor, at), factor, LENGTH - 1);
                int n = detect(x, options).size();
                total += n;
                any += n > 0 ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "| x%.0f | %.3f | %s |%n", factor, 100.0 * total / (seeds * LENGTH), pct(any, seeds));
        }
    }

    private static ChangePoint nearest(List<ChangePoint> points, int at, int tolerance) {
        ChangePoint best = null;
        for (ChangePoint p : points) {
            int distance = Math.abs(p.index() - at);
            if (distance <= tolerance && (best == null || distance < Math.abs(best.index() - at))) {
                best = p;
            }
        }
        return best;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String pct(int count, int of) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * count / of);
    }
}
