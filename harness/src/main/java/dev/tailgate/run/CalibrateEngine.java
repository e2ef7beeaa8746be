package dev.tailgate.run;

import dev.tailgate.compare.CheckResult;
import dev.tailgate.compare.Classification;
import dev.tailgate.compare.ComparedStatistic;
import dev.tailgate.compare.CompareConfig;
import dev.tailgate.compare.LookSchedule;
import dev.tailgate.compare.Resolution;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.ForkOptions;
import dev.tailgate.model.Injection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code tailgate calibrate}: what {@code ab --budget D} resolves on this host. Two A/Bs of the
 * same arm spec, each within the budget:
 * <ol>
 *   <li>an A/A: both arms identical. Its gating claims are false alarms, counted; its per-round
 *       spread is the pilot from which {@link Resolution} sizes the smallest p50, p99 and p99.9
 *       shifts an A/B of the rounds the budget holds detects with 90% power;</li>
 *   <li>an injected A/B: the candidate spins on every call for the predicted p50 shift of the
 *       first benchmark ({@code inject:spin}), which checks the prediction on this host.</li>
 * </ol>
 * The result is {@code calibration.json} in its own directory under the results directory
 * ({@code <time>-calibrate-<suite>-<hex>/}); the four arms stay ordinary run directories (the injected one
 * marked as such). {@code doctor --results DIR} shows the newest calibration.
 */
public final class CalibrateEngine {
    /** The power the resolution is stated at. */
    public static final double POWER = 0.9;
    static final EnumSet<ComparedStatistic> STATISTICS =
            EnumSet.of(ComparedStatistic.P50, ComparedStatistic.P99, ComparedStatistic.P999);

    /** What to calibrate: one arm spec for both sides, the A/B budget, the benchmarks. */
    public record Request(List<String> command, Suite suite, ArmSpec arm, Duration budget, Optional<String> include,
                          OptionalInt iterations, Optional<Duration> time, OptionalInt warmupIterations,
                          Optional<Duration> warmupTime, Optional<Path> passwordFile, boolean pin, Path resultsDir,
                          CompareConfig config, ForkOptions fork) {
        public Request {
            command = List.copyOf(command);
        }

        /** A calibration with the forks' default options (RESP2, no JVM options). */
        public Request(List<String> command, Suite suite, ArmSpec arm, Duration budget, Optional<String> include,
                       OptionalInt iterations, Optional<Duration> time, OptionalInt warmupIterations,
                       Optional<Duration> warmupTime, Optional<Path> passwordFile, boolean pin, Path resultsDir,
                       CompareConfig config) {
            this(command, suite, arm, budget, include, iterations, time, warmupIterations, warmupTime, passwordFile,
                    pin, resultsDir, config, ForkOptions.DEFAULT);
        }
    }

    /** The A/A's outcome and time, the resolution, and the injected check of it. */
    public record Outcome(Path dir, Calibration calibration) {
    }

    private final AbEngine ab;
    private final Clock clock;

    public CalibrateEngine(AbEngine ab, Clock clock) {
        this.ab = ab;
        this.clock = clock;
    }

    public Outcome run(Request req) throws IOException {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        AbEngine.Outcome aa = ab.run(abRequest(req, req.arm()));
        double aaSeconds = (System.nanoTime() - t0) / 1e9;
        double secondsPerRound = aaSeconds / Math.max(1, aa.rounds());
        double budgetSeconds = req.budget().toMillis() / 1000.0;
        LookSchedule schedule = LookSchedule.forBudget(budgetSeconds, secondsPerRound, req.config().alpha(),
                LookSchedule.Spending.OBRIEN_FLEMING);
        int rounds = schedule.last().rounds();
        List<Resolution.Row> rows = Resolution.of(aa.look(), STATISTICS, rounds, schedule.last().level(), POWER);
        Optional<Calibration.Check> check = injectedCheck(req, aa, rows);
        Calibration c = new Calibration(Calibration.SCHEMA, started, req.budget().toSeconds(), secondsPerRound, rounds,
                POWER, aa.baselineDir().getFileName().toString(), aa.candidateDir().getFileName().toString(),
                aa.rounds(), aa.stopReason(), Resolution.falseAlarms(aa.look()),
                aa.look().results().stream().filter(CheckResult::gating).count(),
                rows.stream().map(Calibration.Shift::of).toList(), check);
        Path dir = Files.createDirectory(req.resultsDir().resolve(RunEngine.newRunId("calibrate-" + req.suite().name(),
                clock)));
        JsonFiles.writeJson(dir.resolve(Calibration.FILE), c);
        return new Outcome(dir, c);
    }

    /** The injected A/B at the predicted p50 shift of the first benchmark that has one. */
    private Optional<Calibration.Check> injectedCheck(Request req, AbEngine.Outcome aa, List<Resolution.Row> rows)
            throws IOException {
        Optional<Resolution.Row> p50 = rows.stream()
                .filter(r -> r.statistic() == ComparedStatistic.P50 && Double.isFinite(r.shift())).findFirst();
        if (p50.isEmpty()) {
            return Optional.empty();
        }
        Resolution.Row row = p50.get();
        CheckResult base = aa.look().results().stream().filter(r -> r.benchmark().equals(row.benchmark())
                && r.statistic() == ComparedStatistic.P50).findFirst().orElseThrow();
        long spin = Math.max(1, Math.round(row.shift() * base.baselineValue()));
        if (spin > Injection.MAX_NANOS) {
            // an A/A so spread that the shift it resolves is longer than a spin may be: nothing
            // to check by injection (the command says why, from the resolution it prints)
            return Optional.empty();
        }
        ArmSpec injected = ArmSpec.parse("--candidate", req.arm().text() + ",inject:spin:" + spin + "ns");
        AbEngine.Outcome b = ab.run(abRequest(req, injected));
        CheckResult r = b.look().results().stream().filter(x -> x.benchmark().equals(row.benchmark())
                && x.statistic() == ComparedStatistic.P50).findFirst().orElseThrow();
        return Optional.of(new Calibration.Check(row.benchmark(), "p50", row.shift(), spin, b.rounds(), b.stopReason(),
                r.classification().name(), r.ratio(), r.ciLow(), r.ciHigh(),
                b.candidateDir().getFileName().toString(), r.classification() == Classification.REGRESSION));
    }

    private static AbEngine.Request abRequest(Request req, ArmSpec candidate) {
        return new AbEngine.Request(req.command(), req.suite(), req.arm(), candidate, OptionalInt.empty(), req.budget(),
                AbEngine.Choice.AUTO, req.include(), req.iterations(), req.time(), req.warmupIterations(),
                req.warmupTime(), req.pin(), req.passwordFile(), req.resultsDir(), req.config(), req.fork());
    }
}
