package dev.tailgate.history.changepoint;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Writes the series of scripts/otava-crosscheck.sh and our change points on them. Not a unit
 * test. {@code series.csv}: one series a line, {@code name,v0,v1,...} (shortest decimal that
 * reads back to the same double). {@code ours.csv}: {@code name;indices of detectAsOtava with
 * minSegment 1;indices with the defaults}, indices space-separated. The first column is Otava's
 * method (no minimum segment, no rank test), so it must agree with Otava; the second shows what
 * the two safeguards change.
 */
public final class OtavaCrossCheckSeries {
    private OtavaCrossCheckSeries() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/otava-crosscheck");
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Files.createDirectories(dir);
        ChangePointOptions otava = new ChangePointOptions(0.001, 50, 1);
        ChangePointOptions defaults = ChangePointOptions.defaults();
        try (PrintWriter series = new PrintWriter(Files.newBufferedWriter(dir.resolve("series.csv")));
             PrintWriter ours = new PrintWriter(Files.newBufferedWriter(dir.resolve("ours.csv")))) {
            for (Map.Entry<String, double[]> e : series(seeds).entrySet()) {
                series.println(e.getKey() + "," + Arrays.stream(e.getValue()).mapToObj(Double::toString)
                        .collect(Collectors.joining(",")));
                ours.println(e.getKey() + ";" + indices(ChangePoints.detectAsOtava(e.getValue(), otava)) + ";"
                        + indices(ChangePoints.detect(e.getValue(), defaults)));
            }
        }
        System.out.println("wrote " + dir.resolve("series.csv") + " and " + dir.resolve("ours.csv"));
    }

    private static String indices(List<ChangePoint> points) {
        return points.stream().map(p -> Integer.toString(p.index())).collect(Collectors.joining(" "));
    }

    /** Flat, one step of 5% and 20%, two steps, a drift, outliers and many steps; fixed seeds. */
    static Map<String, double[]> series(int seeds) {
        Map<String, double[]> all = new LinkedHashMap<>();
        for (int seed = 0; seed < seeds; seed++) {
            SplittableRandom r = new SplittableRandom(0xC0FFEEL + seed);
            all.put("flat-cv2-" + seed, SyntheticSeries.noisy(SyntheticSeries.step(200, 0, 1), 0.02, r));
            all.put("step5-cv2-" + seed, SyntheticSeries.noisy(SyntheticSeries.step(120, 60, 1.05), 0.02, r));
            all.put("step20-cv5-" + seed, SyntheticSeries.noisy(SyntheticSeries.step(120, 45, 1.20), 0.05, r));
            double[] two = SyntheticSeries.step(150, 50, 1.10);
            Arrays.fill(two, 100, 150, SyntheticSeries.BASE * 0.95);
            all.put("two-steps-cv2-" + seed, SyntheticSeries.noisy(two, 0.02, r));
            all.put("drift-cv1-" + seed, SyntheticSeries.noisy(SyntheticSeries.drift(365, 1.01, 7), 0.01, r));
            double[] flat = SyntheticSeries.noisy(SyntheticSeries.step(200, 0, 1), 0.02, r);
            all.put("outliers-cv2-" + seed, SyntheticSeries.spikes(flat, 3.0, 0, 37, 90, 150, 199));
            double[] many = new double[365];
            for (int i = 0; i < many.length; i++) {
                many[i] = SyntheticSeries.BASE * (1 + 0.05 * ((i / 40) % 3));
            }
            all.put("many-steps-cv3-" + seed, SyntheticSeries.noisy(many, 0.03, r));
        }
        return all;
    }
}
