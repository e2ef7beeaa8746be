package dev.tailgate.cli;

import dev.tailgate.redis.RedisTarget;
import dev.tailgate.run.BuildInfo;
import dev.tailgate.run.RunEngine;
import dev.tailgate.run.RunRequest;
import dev.tailgate.run.RunSummary;
import dev.tailgate.run.Suite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tailgate run}: measure, write a run directory, print the summary table. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a benchmark suite against an embedded Redis (default) or --target, "
                + "and write results/<run-id>/ (manifest.json, jmh.json, pinning/, histograms/, hiccups.json).",
            "Progress goes to stderr (one line per finished trial, and a live line with the ETA on a terminal);"
                + " the summary table to stdout. JMH's whole output goes to results/<run-id>/jmh.log."})
public final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--suite", defaultValue = "smoke",
            description = "smoke (<= 3 min on 2 cores), nightly (thorough, 5 forks) or tails (open-loop fixed-rate). Default: ${DEFAULT-VALUE}.")
    String suite;

    @Option(names = "--target", paramLabel = "URL",
            description = "External Redis: redis://[user@]host:port[/db]. Password from REDIS_PASSWORD or --password-file, never the URL.")
    String target;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the target's password.")
    Path passwordFile;

    @Option(names = "--redis-server", paramLabel = "PATH",
            description = "redis-server binary for the embedded target (default: PATH, else the bundled one).")
    Path redisServer;

    @Option(names = "--profile", defaultValue = "stock",
            description = "Config profile of the embedded Redis: stock, low-latency, or a .conf file. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--port", defaultValue = "0", description = "Port of the embedded Redis (default: a free one).")
    int port;

    @Option(names = "--include", paramLabel = "REGEX", description = "Only benchmarks of the suite whose name matches.")
    String include;

    @Option(names = "--forks", description = "JMH forks (JVM launches; the unit of replication).")
    Integer forks;

    @Option(names = "--iterations", description = "Measurement iterations per fork.")
    Integer iterations;

    @Option(names = "--time", paramLabel = "D", description = "Time per measurement iteration, e.g. 2s, 500ms.")
    String time;

    @Option(names = "--warmup-iterations", description = "Warmup iterations per fork.")
    Integer warmupIterations;

    @Option(names = "--warmup-time", paramLabel = "D", description = "Time per warmup iteration.")
    String warmupTime;

    @Option(names = "--inject", paramLabel = "SPEC",
            description = "Add a known delay inside every measured call: spin:5us (every call) or spin:1ms@0.01 (1%% of calls). "
                    + "For checking that a comparison finds it; the run is never a baseline and never passes a gate.")
    String inject;

    @Option(names = "--no-pin", description = "Do not pin Redis or benchmark threads.")
    boolean noPin;

    @Option(names = "--verbose", description = "Also stream JMH's whole console output to stderr (it always goes to jmh.log).")
    boolean verbose;

    @Option(names = "--results", paramLabel = "DIR", description = "Where run directories go. Default: <tailgate home>/results.")
    Path results;

    @Option(names = "--run-id", description = "Name of the run directory (default: time-suite-random); one that exists is refused (exit 3).")
    String runId;

    @Option(names = "--gate", paramLabel = "FILE",
            description = "Gate the run against this threshold file right after it (writes verdict.json, junit.xml, report.md).")
    Path gate;

    @picocli.CommandLine.Mixin
    StoreOptions.LedgerFile ledger = new StoreOptions.LedgerFile();

    @Option(names = "--baseline", paramLabel = "NAME",
            description = "Compare the run with this baseline (name under results/baselines/ or a run directory) right after it.")
    String baseline;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        java.time.Clock clock = RootClock.of(spec);
        List<String> argv = new ArrayList<>(List.of("tailgate"));
        argv.addAll(spec.commandLine().getParseResult().originalArgs());
        Path resultsDir = results != null ? results : BuildInfo.home().resolve("results");
        Optional<String> id = Optional.ofNullable(runId).map(RunCommand::checkRunId);
        if (port < 0 || port > 65535) {
            throw new dev.tailgate.model.UsageException("--port " + port + ": expected 1..65535, or 0 for a free port");
        }
        RunRequest req = new RunRequest(argv, Suite.named(suite),
                Optional.ofNullable(target).map(RedisTarget::parse), Optional.ofNullable(passwordFile),
                Optional.ofNullable(redisServer), profile, port, Optional.ofNullable(include),
                opt(forks, "--forks"), opt(iterations, "--iterations"),
                Optional.ofNullable(time).map(t -> Durations.parse(t, "--time")),
                opt(warmupIterations, "--warmup-iterations"),
                Optional.ofNullable(warmupTime).map(t -> Durations.parse(t, "--warmup-time")),
                !noPin, resultsDir, id,
                Optional.ofNullable(inject).map(i -> dev.tailgate.model.Injection.parse("--inject", i)));
        if (gate != null) {
            // A broken threshold file must fail in a second, not after a three-minute run.
            dev.tailgate.thresholds.ThresholdsLoader.load(gate);
            dev.tailgate.compare.RegressionMargins.load(gate);
        }
        if (baseline != null) {
            new dev.tailgate.run.RunStore(resultsDir).resolve(baseline);
        }
        RunEngine.Outcome o;
        try (ConsoleProgress progress = ConsoleProgress.forRun(err, !verbose && ConsoleProgress.stderrIsTerminal())) {
            o = new RunEngine(err, clock, progress, verbose).run(req);
        } catch (RunEngine.RunFailedException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.INTERNAL;
        }
        try {
            return report(o, resultsDir, out, err, clock);
        } finally {
            // the gate's reports and a comparison go into the run directory too: prune waits for them
            dev.tailgate.run.RunLock.release(o.runDir());
        }
    }

    private int report(RunEngine.Outcome o, Path resultsDir, PrintWriter out, PrintWriter err,
                       java.time.Clock clock) throws java.io.IOException {
        out.println();
        out.print(RunSummary.render(o.rows()));
        o.serverSide().ifPresent(d -> {
            java.util.Map<String, Double> usec = new java.util.HashMap<>();
            // a few telemetry PINGs share the count; among thousands of benchmark calls they do not move the mean
            d.commands().stream()
                    .forEach(c -> usec.put(c.command().toLowerCase(java.util.Locale.ROOT), c.usecPerCall()));
            out.print(dev.tailgate.run.Decomposition.render(dev.tailgate.run.Decomposition.of(o.rows(), usec)));
        });
        out.print(dev.tailgate.run.Hiccups.render(o.hiccups()));
        out.println(o.manifest().pinning().summary());
        out.println("run directory: " + o.runDir());
        out.flush();
        int code = ExitCode.OK;
        if (gate != null) {
            out.println();
            out.println("gate: " + gate);
            dev.tailgate.gate.GateResult g = dev.tailgate.gate.GateService.gate(o.runDir(), gate,
                    java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
            out.print(dev.tailgate.report.TextTableWriter.table(g.verdict()));
            dev.tailgate.report.ReportFiles.writeAll(g.verdict(), o.runDir(), o.hiccups());
            GateCommand.recordInLedger(g, ledger.file, out, clock);
            code = GateCommand.exitCode(g, err);
        }
        if (baseline != null) {
            out.println();
            out.println("compare with baseline " + baseline + ":");
            int c = CompareCommand.run(out, new dev.tailgate.run.CompareService.Request(baseline, o.runDir().toString(),
                    Optional.ofNullable(gate), 1, false, false, java.util.Set.of(), Optional.empty(), resultsDir),
                    Optional.of(ledger.file), "compare", clock);
            code = worst(code, c);
        }
        out.flush();
        return code;
    }

    /** One exit code for run + gate + compare: bad input beats a failed gate beats a pass. */
    static int worst(int a, int b) {
        int[] rank = {ExitCode.OK, ExitCode.GATE_FAILED, ExitCode.BAD_INPUT, ExitCode.INTERNAL};
        int ra = java.util.Arrays.stream(rank).boxed().toList().indexOf(a);
        int rb = java.util.Arrays.stream(rank).boxed().toList().indexOf(b);
        return ra >= rb ? a : b;
    }

    private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    /**
     * A run id names one directory directly under --results: a plain name, so "../x" or an
     * absolute path can never put a run (or what prune later deletes) anywhere else.
     */
    static String checkRunId(String id) {
        if (!RUN_ID.matcher(id).matches()) {
            throw new dev.tailgate.model.UsageException("--run-id " + id
                    + ": expected a plain name (letters, digits, '-', '_', '.'; not starting with '.')");
        }
        return id;
    }

    private static OptionalInt opt(Integer v, String name) {
        if (v == null) {
            return OptionalInt.empty();
        }
        if (v < (name.equals("--warmup-iterations") ? 0 : 1)) {
            throw new dev.tailgate.model.UsageException(name + " " + v + ": must be >= "
                    + (name.equals("--warmup-iterations") ? 0 : 1));
        }
        return OptionalInt.of(v);
    }
}
