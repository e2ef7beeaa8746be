package dev.tailgate.cli;

import dev.tailgate.run.RunEngine;
import dev.tailgate.run.RunRequest;
import dev.tailgate.run.RunSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code tailgate run}: measure, write a run directory, print the summary table. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a benchmark suite against an embedded Redis (default) or --target, "
                + "and write results/<run-id>/ (manifest.json, jmh.json, pinning/, histograms/, hiccups.json).",
            "Progress goes to stderr (one line per finished trial, and a live line with the ETA on a terminal);"
                + " the summary table to stdout. JMH's whole output goes to results/<run-id>/jmh.log."})
public final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    JmhOptions jmh = new JmhOptions();

    /** Not in {@link JmhOptions}: {@code ab} derives its forks from the design and the rounds. */
    @Option(names = "--forks", description = "JMH forks (JVM launches; the unit of replication).")
    Integer forks;

    @CommandLine.Mixin
    ProfilerOptions prof = new ProfilerOptions();

    @CommandLine.Mixin
    TargetOptions target = new TargetOptions();

    @Option(names = "--redis-server", paramLabel = "PATH",
            description = "redis-server binary for the embedded target (default: PATH, else the bundled one).")
    Path redisServer;

    @Option(names = "--topology", defaultValue = "standalone", paramLabel = "standalone|tls|unix|cluster[:N]|tls-cluster[:N]",
            description = "How the embedded Redis is reached: TCP, TLS (throwaway CA made with openssl), a Unix socket,"
                    + " or a Redis Cluster of N masters (default 3, no replicas) for the cluster benchmarks, over TLS"
                    + " (clients and cluster bus, one throwaway CA) as tls-cluster[:N]."
                    + " Default: ${DEFAULT-VALUE}.")
    String topology;

    @Option(names = "--profile", defaultValue = "stock",
            description = "Config profile of the embedded Redis: stock, low-latency, or a .conf file. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--port", defaultValue = "0", description = "Port of the embedded Redis (default: a free one).")
    int port;

    @Option(names = "--inject", paramLabel = "SPEC",
            description = "Add a known delay inside every measured call: spin:5us (every call) or spin:1ms@0.01 (1%% of calls). "
                    + "For checking that a comparison finds it; the run is never a baseline and never passes a gate.")
    String inject;

    @CommandLine.Mixin
    StoreOptions.Results results = new StoreOptions.Results();

    @Option(names = "--run-id", description = "Name of the run directory (default: time-suite-random); one that exists is refused (exit 3).")
    String runId;

    @Option(names = "--gate", paramLabel = "FILE", arity = "0..1", fallbackValue = SUITE_THRESHOLDS,
            description = "Gate the run against this threshold file right after it (writes verdict.json, junit.xml, report.md);"
                    + " --gate alone: the suite file's thresholds.")
    Path gate;

    /** What --gate without a file stands for. */
    static final String SUITE_THRESHOLDS = "(suite)";

    @CommandLine.Mixin
    StoreOptions.LedgerFile ledger = new StoreOptions.LedgerFile();

    @Option(names = "--baseline", paramLabel = "NAME",
            description = "Compare the run with this baseline (name under results/baselines/ or a run directory) right after it.")
    String baseline;

    /** {@code --topology}, which only an embedded server has: with --target it is a usage error. */
    private dev.tailgate.redis.launch.TopologySpec topology() {
        dev.tailgate.redis.launch.TopologySpec t;
        try {
            t = dev.tailgate.redis.launch.TopologySpec.parse(topology);
        } catch (IllegalArgumentException e) {
            throw new dev.tailgate.model.UsageException(e.getMessage());
        }
        if (!t.equals(dev.tailgate.redis.launch.TopologySpec.single(dev.tailgate.redis.launch.Topology.STANDALONE))
                && target.target().isPresent()) {
            throw new dev.tailgate.model.UsageException("--topology " + topology
                    + " is for the embedded server; with --target the URL says the transport");
        }
        return t;
    }

    @Option(names = "--shard", paramLabel = "i/N",
            description = "Make shard i of a distributed run of N hosts: the same suite and settings, its own slice of the "
                    + "key space and 1/N of every fixed-rate benchmark's rate; join the shards with tailgate merge (docs/distributed.md).")
    String shard;

    @Option(names = "--shard-run", paramLabel = "ID",
            description = "Id that all shards of one distributed run share (default: derived from the suite and its settings).")
    String shardRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        java.time.Clock clock = RootClock.of(spec);
        List<String> argv = Invocation.argv(spec);
        Path resultsDir = results.dir;
        Optional<String> id = Optional.ofNullable(runId).map(RunCommand::checkRunId);
        if (port < 0 || port > 65535) {
            throw new dev.tailgate.model.UsageException("--port " + port + ": expected 1..65535, or 0 for a free port");
        }
        dev.tailgate.run.Suite suite = jmh.suite();
        if (gate != null && gate.toString().equals(SUITE_THRESHOLDS)) {
            gate = suiteThresholds(suite);
        }
        RunRequest req = new RunRequest(argv, suite, target.target(), target.passwordFile(),
                Optional.ofNullable(redisServer), profile, port, jmh.include(),
                JmhOptions.atLeast(forks, 1, "--forks"), jmh.iterations(), jmh.time(),
                jmh.warmupIterations(), jmh.warmupTime(), jmh.pin(), resultsDir, id,
                Optional.ofNullable(inject).map(i -> dev.tailgate.model.Injection.parse("--inject", i)),
                jmh.forkOptions(prof.profilers()), topology(), shardSpec());
        if (gate != null) {
            // A broken threshold file must fail in a second, not after a three-minute run.
            dev.tailgate.thresholds.ThresholdsLoader.load(gate);
            dev.tailgate.compare.RegressionMargins.load(gate);
        }
        if (baseline != null) {
            new dev.tailgate.store.RunStore(resultsDir).resolve(baseline);
        }
        RunEngine.Outcome o;
        try (ConsoleProgress progress = jmh.progress(err)) {
            o = new RunEngine(err, clock, progress, jmh.verbose()).run(req);
        } catch (RunEngine.RunFailedException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.INTERNAL;
        }
        try {
            return report(o, resultsDir, out, err, clock);
        } finally {
            // the gate's reports and a comparison go into the run directory too: prune waits for them
            dev.tailgate.store.RunLock.release(o.runDir());
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
            out.print(dev.tailgate.compareservice.Decomposition.render(dev.tailgate.compareservice.Decomposition.of(o.rows(), usec)));
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
            int c = CompareCommand.run(out, new dev.tailgate.compareservice.CompareService.Request(baseline, o.runDir().toString(),
                    Optional.ofNullable(gate), 1, false, false, java.util.Set.of(), Optional.empty(), resultsDir),
                    Optional.of(ledger.file), "compare", clock);
            code = worst(code, c);
        }
        out.flush();
        return code;
    }

    /** The suite file's default threshold file, which --gate alone names; one line if it has none usable. */
    static Path suiteThresholds(dev.tailgate.run.Suite suite) {
        Path t = suite.thresholdsFile().orElseThrow(() -> new dev.tailgate.model.UsageException("--gate: suite "
                + suite.name() + " names no thresholds (docs/suites.md), give --gate FILE"));
        if (!t.getFileSystem().equals(java.nio.file.FileSystems.getDefault())) {
            // the gate's reports and the ledger name the threshold files by path: one inside the jar names nothing
            throw new dev.tailgate.model.BadInputException("--gate: suite " + suite.name() + " is the copy bundled in the jar,"
                    + " its thresholds too; run where ./suites has it (a checkout) or give --gate FILE");
        }
        return t;
    }

    /** One exit code for run + gate + compare: bad input beats a failed gate beats a pass. */
    static int worst(int a, int b) {
        int[] rank = {ExitCode.OK, ExitCode.GATE_FAILED, ExitCode.BAD_INPUT, ExitCode.INTERNAL};
        int ra = java.util.Arrays.stream(rank).boxed().toList().indexOf(a);
        int rb = java.util.Arrays.stream(rank).boxed().toList().indexOf(b);
        return ra >= rb ? a : b;
    }

    private Optional<dev.tailgate.run.ShardSpec> shardSpec() {
        if (shard == null && shardRun != null) {
            throw new dev.tailgate.model.UsageException("--shard-run " + shardRun + ": only with --shard i/N");
        }
        return Optional.ofNullable(shard).map(s -> dev.tailgate.run.ShardSpec.parse(s, Optional.ofNullable(shardRun)));
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
}
