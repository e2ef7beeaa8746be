package dev.tailgate.cli;

import dev.tailgate.compareservice.CompareService;
import dev.tailgate.run.AbEngine;
import dev.tailgate.run.ArmSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code tailgate ab}: both arms on this machine, interleaved by fork, then compared. */
@Command(name = "ab", mixinStandardHelpOptions = true,
        description = {"Measure a baseline (A) and a candidate (B) Redis on this machine in rounds, A next to B in time,",
            "and compare them paired by round, so drift the host puts on both arms of a round cancels.",
            "Rounds are added until every gating check is decided (REGRESSION, IMPROVEMENT, NO CHANGE) or the",
            "budget ends; --rounds N is a fixed design. The closed-loop Redis and Redis Cluster benchmarks alternate",
            "A B B A per iteration inside one JVM (--design iteration); others take one fork per arm per round (fork).",
            "--topology cluster[:N] gives each embedded arm a cluster of its own (--suite cluster).",
            "An arm is profile:NAME, binary:PATH, target:URL or a comma-separated mix, e.g. --baseline",
            "profile:stock --candidate profile:low-latency; inject:spin:5us (or spin:1ms@0.01) adds a known",
            "delay to that arm's measured calls; protocol:RESP3 and jvm:OPTIONS (no commas) set that arm's client side."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no gating regression (and nothing not shown, unless regression: inconclusive: warn|pass)",
            "1:a gating check is a REGRESSION, or not shown under regression: inconclusive: fail (the default)",
            "2:usage error",
            "3:bad input (also a MOVED storm on a cluster arm: both arms are marked ABORTED)",
            "4:internal error (a benchmark failed; both arms are marked ABORTED)",
        })
public final class AbCommand implements Callable<Integer> {
    @Option(names = "--baseline", required = true, paramLabel = "SPEC") String baseline;
    @Option(names = "--candidate", required = true, paramLabel = "SPEC") String candidate;
    @Option(names = "--rounds", paramLabel = "N",
            description = "A fixed design: exactly N rounds and one look (default: adaptive within --budget).")
    Integer rounds;
    @Option(names = "--budget", paramLabel = "D", defaultValue = "10m",
            description = "Wall-clock time the adaptive design may take, start-up included. Default: ${DEFAULT-VALUE}.")
    Duration budget;
    @Option(names = "--design", paramLabel = "auto|fork|iteration", defaultValue = "auto",
            description = "iteration: arms alternate per iteration in one JVM; fork: one fork per arm per round;"
                    + " auto: iteration when every selected benchmark supports it. Default: ${DEFAULT-VALUE}.")
    AbEngine.Choice design;
    @Option(names = "--fail-fast",
            description = "Stop at the first look where a gating check is a REGRESSION, without waiting for the tail"
                    + " checks to settle (for jobs that only need the exit code).")
    boolean failFast;
    @Option(names = "--topology", defaultValue = "standalone", paramLabel = "standalone|tls|unix|cluster[:N]|tls-cluster[:N]",
            description = "How each embedded arm's Redis is started, as for run: one server (TCP, TLS, Unix socket) or a"
                    + " Redis Cluster of N masters (default 3) of its own, for the cluster benchmarks (--suite cluster);"
                    + " tls-cluster[:N] is the cluster over TLS."
                    + " Default: ${DEFAULT-VALUE}.")
    String topology;

    @CommandLine.Mixin
    JmhOptions jmh = new JmhOptions();

    @CommandLine.Mixin
    ProfilerOptions prof = new ProfilerOptions();

    @CommandLine.Mixin
    TargetOptions.PasswordFile password = new TargetOptions.PasswordFile();

    @CommandLine.Mixin
    TargetOptions.Tls tls = new TargetOptions.Tls();

    @CommandLine.Mixin
    CompareOptions compare = new CompareOptions();

    @CommandLine.Mixin
    StoreOptions.Results results = new StoreOptions.Results();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> argv = Invocation.argv(spec);
        AbEngine.Outcome ab;
        try (ConsoleProgress progress = jmh.progress(err)) {
            ab = new AbEngine(err, RootClock.of(spec), progress, jmh.verbose()).run(new AbEngine.Request(argv,
                    jmh.suite(), tls.apply(ArmSpec.parse("--baseline", baseline)), tls.apply(ArmSpec.parse("--candidate", candidate)),
                    rounds == null ? OptionalInt.empty() : OptionalInt.of(rounds), budget, design, jmh.include(),
                    jmh.iterations(), jmh.time(), jmh.warmupIterations(), jmh.warmupTime(), jmh.pin(),
                    password.file(), results.dir, compare.config(), jmh.forkOptions(prof.profilers()), failFast,
                    topology()));
        } catch (dev.tailgate.run.RunEngine.RunFailedException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.INTERNAL;
        }
        out.println("baseline run:  " + ab.baselineDir());
        out.println("candidate run: " + ab.candidateDir());
        out.println("design: " + ab.design().label() + ", " + ab.rounds() + " rounds; stopped: " + ab.stopReason());
        ab.decided().ifPresent(d -> out.println(decidedLine(d)));
        List<String> sequence = new java.util.ArrayList<>(List.of("design: " + ab.design().label() + " (A next to B in time, analysed paired by"
                + " round: drift both arms of a round share cancels)", ab.rounds() + " rounds, order "
                + String.join(" ", ab.order()) + "; stopped: " + ab.stopReason(),
                "last look: " + dev.tailgate.run.AbReport.lookLine(ab.look())));
        ab.decided().ifPresent(d -> sequence.add(decidedLine(d)));
        CompareService.Paired paired = new CompareService.Paired(ab.design(),
                dev.tailgate.compare.NotShown.paired(ab.look()), ab.notes(), sequence);
        return CompareCommand.run(out, new CompareService.Request(ab.baselineDir().toString(),
                ab.candidateDir().toString(), compare.thresholds(), compare.seed(), false, compare.allowDrift(),
                ab.declared(), Optional.empty(), results.dir), Optional.of(paired), compare.ledger(), "ab",
                RootClock.of(spec));
    }

    /** {@code --topology}, for the embedded arms; a malformed one is a usage error. */
    private dev.tailgate.redis.launch.TopologySpec topology() {
        try {
            return dev.tailgate.redis.launch.TopologySpec.parse(topology);
        } catch (IllegalArgumentException e) {
            throw new dev.tailgate.model.UsageException(e.getMessage());
        }
    }

    /** The time to decision: when the REGRESSION that sets the exit code was first shown and then held. */
    static String decidedLine(AbEngine.Decided d) {
        return "decided: REGRESSION shown from the look at " + d.rounds() + " rounds, "
                + Math.round(d.seconds()) + " s after the start, and held at every later look";
    }
}
