package dev.tailgate.cli;

import dev.tailgate.compare.CompareConfig;
import dev.tailgate.compare.Margins;
import dev.tailgate.compare.RegressionMargins;
import dev.tailgate.model.Numbers;
import dev.tailgate.run.AbEngine;
import dev.tailgate.run.ArmSpec;
import dev.tailgate.run.CalibrateEngine;
import dev.tailgate.run.Calibration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tailgate calibrate}: the resolution of {@code ab} on this host, measured. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Measure what `ab --budget D` resolves on this host: an A/A (both arms the same) counts false",
            "alarms and measures the spread per round, from which the smallest p50, p99 and p99.9 shifts an A/B",
            "detects with 90%% power within D follow; an injected A/B at the predicted p50 shift then checks it.",
            "Takes about twice the budget; --include defaults to " + CalibrateCommand.DEFAULT_INCLUDE + ".",
            "Writes calibration.json to a directory under --results;",
            "`doctor --results DIR` shows the newest."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:calibrated: no false alarm in the A/A, and the injected shift was detected",
            "1:calibrated, but the A/A claimed a change or the injected shift was not detected",
            "2:usage error",
            "3:bad input (an unreachable target, a bad threshold file)",
            "4:internal error (a benchmark failed)",
        })
public final class CalibrateCommand implements Callable<Integer> {
    /** One benchmark keeps the family of gating checks small, and PING is the floor every client pays. */
    static final String DEFAULT_INCLUDE = "JedisPingBenchmark";

    @Option(names = "--target", paramLabel = "URL",
            description = "Calibrate against this Redis (both arms); default: an embedded Redis with --profile.")
    String target;
    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "stock",
            description = "Config profile of the embedded Redis. Default: ${DEFAULT-VALUE}.")
    String profile;
    @Option(names = "--budget", paramLabel = "D", defaultValue = "10m",
            description = "The ab budget to calibrate for; each of the two A/Bs takes at most this. Default: ${DEFAULT-VALUE}.")
    Duration budget;
    @Option(names = "--thresholds", paramLabel = "FILE", description = "Threshold file whose regression: section sets the margins.")
    Path thresholds;
    @Option(names = "--seed", defaultValue = "1", description = "Bootstrap seed. Default: ${DEFAULT-VALUE}.") long seed;

    /** The A/Bs' JMH settings; --include defaults to {@link #DEFAULT_INCLUDE}. */
    @CommandLine.Mixin
    JmhOptions jmh = new JmhOptions();

    @CommandLine.Mixin
    TargetOptions.PasswordFile password = new TargetOptions.PasswordFile();

    @CommandLine.Mixin
    StoreOptions.Results results = new StoreOptions.Results();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Margins margins = thresholds == null ? Margins.defaults() : RegressionMargins.load(thresholds);
        ArmSpec arm = ArmSpec.parse(target == null ? "--profile" : "--target",
                target == null ? "profile:" + profile : "target:" + target);
        CalibrateEngine.Outcome o;
        try (ConsoleProgress progress = jmh.progress(err)) {
            AbEngine ab = new AbEngine(err, RootClock.of(spec), progress, jmh.verbose());
            o = new CalibrateEngine(ab, RootClock.of(spec)).run(new CalibrateEngine.Request(Invocation.argv(spec),
                    jmh.suite(), arm, budget, Optional.of(jmh.include().orElse(DEFAULT_INCLUDE)), jmh.iterations(),
                    jmh.time(), jmh.warmupIterations(), jmh.warmupTime(), password.file(), jmh.pin(), results.dir,
                    CompareConfig.defaults(seed).withMargins(margins), jmh.forkOptions(java.util.List.of())));
        } catch (dev.tailgate.run.RunEngine.RunFailedException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.INTERNAL;
        }
        print(out, o.calibration());
        out.println("written: " + o.dir().resolve(Calibration.FILE));
        out.flush();
        Calibration c = o.calibration();
        boolean confirmed = c.aaFalseAlarms() == 0 && c.injected().map(Calibration.Check::detected).orElse(false);
        return confirmed ? ExitCode.OK : ExitCode.GATE_FAILED;
    }

    /** The calibration as the console and {@code doctor} print it. */
    static void print(PrintWriter w, Calibration c) {
        w.printf("calibration of %s (ab --budget %ds: %.1f s per round, %d rounds)%n", c.takenAt(), c.budgetSeconds(),
                c.secondsPerRound(), c.rounds());
        w.println("A/A: " + c.aaRounds() + " rounds, " + c.aaFalseAlarms() + " false alarm(s) in " + c.aaGatingChecks()
                + " gating checks (" + c.aaStopReason() + ")");
        w.println("resolution: smallest shift detected with " + Numbers.fixed(100 * c.power(), 0) + "% power:");
        for (Calibration.Shift s : c.resolution()) {
            String what = s.shift() == null ? "unknown: " + s.why()
                    : "+" + Numbers.fixed(100 * s.shift(), 1) + "% (margin " + Numbers.general(100 * s.margin(), 3)
                    + "%, spread per round " + Numbers.fixed(100 * s.roundSpread(), 2) + "%)";
            w.printf("  %-32s %-6s %s%n", s.benchmark(), s.statistic(), what);
        }
        if (c.injected().isEmpty()) {
            boolean resolved = c.resolution().stream().anyMatch(s -> "p50".equals(s.statistic()) && s.shift() != null);
            w.println(resolved
                    ? "injected check: none (the p50 shift the A/A resolves needs a spin longer than 1000 ms: its rounds"
                    + " spread too widely; calibrate again with a longer --budget or on a quieter host)"
                    : "injected check: none (no p50 spread was measured)");
            return;
        }
        Calibration.Check k = c.injected().get();
        w.println("injected check: " + k.benchmark() + " " + k.statistic() + " +" + Numbers.fixed(100 * k.shift(), 1)
                + "% (spin " + k.spinNanos() + " ns): " + k.classification() + ", ratio " + Numbers.fixed(k.ratio(), 3)
                + " [" + Numbers.fixed(k.ciLow(), 3) + ", " + Numbers.fixed(k.ciHigh(), 3) + "] in " + k.rounds()
                + " rounds: " + (k.detected() ? "detected" : "NOT detected"));
    }
}
