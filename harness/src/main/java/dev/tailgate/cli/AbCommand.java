package dev.tailgate.cli;

import dev.tailgate.run.AbEngine;
import dev.tailgate.run.ArmSpec;
import dev.tailgate.run.CompareService;
import dev.tailgate.run.Suite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tailgate ab}: both arms on this machine, interleaved by fork, then compared. */
@Command(name = "ab", mixinStandardHelpOptions = true,
        description = {"Run a baseline and a candidate Redis on this machine, interleaved fork by fork (A B B A ...),",
            "so drift hits both alike; then compare them. An arm is profile:NAME, binary:PATH, target:URL",
            "or a comma-separated mix, e.g. --baseline profile:stock --candidate profile:low-latency;",
            "inject:spin:5us (or spin:1ms@0.01) adds a known delay to that arm's measured calls."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no gating regression",
            "1:a gating check is a REGRESSION",
            "2:usage error",
            "3:bad input",
            "4:internal error (a benchmark failed; both arms are marked ABORTED)",
        })
public final class AbCommand implements Callable<Integer> {
    @Option(names = "--baseline", required = true, paramLabel = "SPEC") String baseline;
    @Option(names = "--candidate", required = true, paramLabel = "SPEC") String candidate;
    @Option(names = "--suite", defaultValue = "smoke", description = "Default: ${DEFAULT-VALUE}.") String suite;
    @Option(names = "--rounds", defaultValue = "5",
            description = "Forks per arm (>= 3; 5+ for tails). Default: ${DEFAULT-VALUE}.") int rounds;
    @Option(names = "--include", paramLabel = "REGEX") String include;
    @Option(names = "--iterations") Integer iterations;
    @Option(names = "--time", paramLabel = "D") String time;
    @Option(names = "--warmup-iterations") Integer warmupIterations;
    @Option(names = "--warmup-time", paramLabel = "D") String warmupTime;
    @Option(names = "--no-pin") boolean noPin;
    @Option(names = "--verbose", description = "Also stream JMH's whole console output to stderr (it always goes to each arm's jmh.log).")
    boolean verbose;
    @Option(names = "--password-file", paramLabel = "FILE") Path passwordFile;
    @Option(names = "--thresholds", paramLabel = "FILE", description = "Threshold file whose regression: section sets the margins.")
    Path thresholds;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--allow-drift", description = "Compare despite critical drift other than the declared variable.")
    boolean allowDrift;
    @Option(names = "--no-ledger") boolean noLedger;

    @CommandLine.Mixin
    StoreOptions.Results results = new StoreOptions.Results();

    @CommandLine.Mixin
    StoreOptions.LedgerFile ledger = new StoreOptions.LedgerFile();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> argv = new ArrayList<>(List.of("tailgate"));
        argv.addAll(spec.commandLine().getParseResult().originalArgs());
        if (thresholds != null) {
            dev.tailgate.compare.RegressionMargins.load(thresholds);
        }
        AbEngine.Outcome ab;
        try (ConsoleProgress progress = ConsoleProgress.forRun(err, !verbose && ConsoleProgress.stderrIsTerminal())) {
            ab = new AbEngine(err, RootClock.of(spec), progress, verbose).run(new AbEngine.Request(argv, Suite.named(suite),
                    ArmSpec.parse("--baseline", baseline), ArmSpec.parse("--candidate", candidate), rounds,
                    Optional.ofNullable(include), iterations == null ? OptionalInt.empty() : OptionalInt.of(iterations),
                    Optional.ofNullable(time).map(t -> Durations.parse(t, "--time")),
                    warmupIterations == null ? OptionalInt.empty() : OptionalInt.of(warmupIterations),
                    Optional.ofNullable(warmupTime).map(t -> Durations.parse(t, "--warmup-time")), !noPin,
                    Optional.ofNullable(passwordFile), results.dir));
        } catch (dev.tailgate.run.RunEngine.RunFailedException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.INTERNAL;
        }
        out.println("baseline run:  " + ab.baselineDir());
        out.println("candidate run: " + ab.candidateDir());
        out.println("order: " + String.join(" ", ab.order()));
        return CompareCommand.run(out, new CompareService.Request(ab.baselineDir().toString(),
                ab.candidateDir().toString(), Optional.ofNullable(thresholds), seed, false, allowDrift, ab.declared(),
                Optional.empty(), results.dir), noLedger ? Optional.empty() : Optional.of(ledger.file), "ab",
                RootClock.of(spec));
    }
}
