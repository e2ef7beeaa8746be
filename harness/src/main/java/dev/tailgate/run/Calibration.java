package dev.tailgate.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tailgate.compare.Resolution;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code calibration.json}: what {@code tailgate calibrate} found on this host
 * ({@link CalibrateEngine}). Shifts are fractions (0.04 = +4%); NaN is written as null.
 *
 * @param budgetSeconds the {@code ab --budget} the resolution is for
 * @param secondsPerRound wall time per round in the A/A, start-up included
 * @param rounds the rounds that budget holds (its last look)
 * @param aaFalseAlarms gating checks of the A/A that claimed a change, of {@code aaGatingChecks}
 * @param injected the injected A/B at the predicted p50 shift; empty when no p50 spread was measured, or
 *                 when that shift needs a spin longer than an injection may be ({@link dev.tailgate.model.Injection#MAX_NANOS})
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Calibration(int schema, Instant takenAt, long budgetSeconds, double secondsPerRound, int rounds,
                          double power, String aaBaselineRun, String aaCandidateRun, int aaRounds, String aaStopReason,
                          long aaFalseAlarms, long aaGatingChecks, List<Shift> resolution, Optional<Check> injected) {
    public static final int SCHEMA = 1;
    public static final String FILE = "calibration.json";

    public Calibration {
        resolution = List.copyOf(resolution);
    }

    /** One benchmark and statistic: the smallest shift detected with the stated power, or why unknown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shift(String benchmark, String statistic, double margin, Double roundSpread, Double shift, String aa,
                        String why) {
        static Shift of(Resolution.Row r) {
            return new Shift(r.benchmark(), r.statistic().label(), r.margin(), finite(r.roundSpread()),
                    finite(r.shift()), r.aa().name(), r.why());
        }

        private static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    /** The injected A/B: the shift injected, what the A/B concluded, and whether it detected it. */
    public record Check(String benchmark, String statistic, double shift, long spinNanos, int rounds, String stopReason,
                        String classification, double ratio, double ciLow, double ciHigh, String candidateRun,
                        boolean detected) {
    }

    /** The newest calibration under {@code resultsDir} (by {@code takenAt}), if any; unreadable ones are bad input. */
    public static Optional<Calibration> latest(Path resultsDir) throws IOException {
        if (!Files.isDirectory(resultsDir)) {
            return Optional.empty();
        }
        Optional<Calibration> best = Optional.empty();
        try (var dirs = Files.newDirectoryStream(resultsDir, d -> Files.isRegularFile(d.resolve(FILE)))) {
            for (Path d : dirs) {
                Calibration c = read(d.resolve(FILE));
                if (best.isEmpty() || c.takenAt().isAfter(best.get().takenAt())) {
                    best = Optional.of(c);
                }
            }
        }
        return best;
    }

    static Calibration read(Path file) {
        try {
            Calibration c = JsonFiles.json().readValue(file.toFile(), Calibration.class);
            if (c.takenAt() == null || c.resolution() == null) {
                throw new BadInputException(file + ": not a calibration (no takenAt or resolution)");
            }
            return c;
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException(file + ": unreadable calibration (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
        }
    }
}
