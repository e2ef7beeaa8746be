package dev.tailgate.run;

import dev.tailgate.bench.cluster.ClusterSeeds;
import dev.tailgate.compare.CompareConfig;
import dev.tailgate.compare.Design;
import dev.tailgate.compare.LookSchedule;
import dev.tailgate.compare.PairedLook;
import dev.tailgate.compare.PairedRuns;
import dev.tailgate.compare.PairedSequence;
import dev.tailgate.compareservice.LikeWithLike;
import dev.tailgate.fingerprint.HostCpus;
import dev.tailgate.model.CorePlan;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.ForkOptions;
import dev.tailgate.model.UsageException;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.Redaction;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.redis.launch.ConfigProfile;
import dev.tailgate.redis.launch.RedisBinary;
import dev.tailgate.redis.launch.Topology;
import dev.tailgate.redis.launch.TopologySpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.RunnerException;

/**
 * {@code tailgate ab}: baseline (A) and candidate (B) measured on this machine in rounds, A next
 * to B in time, and analysed paired by round so that whatever the host did to both arms of a
 * round cancels out of the ratio (docs/compare-statistics.md, "Paired A/B").
 *
 * <p>Two designs, chosen per A/B ({@link Choice}):
 * <ul>
 *   <li>Iteration rounds: one JMH fork measures both servers, its iterations alternating A B B
 *       A ...; same client JVM, JIT state and pins, rounds one second apart. For the closed-loop
 *       Redis benchmarks, when the arms differ only on the server side and no profiler is
 *       attached ({@link #sharedJvmConflict}).</li>
 *   <li>Fork rounds: one JMH fork per arm per round, ABBA across rounds. For every benchmark,
 *       and for arms that differ in the client's protocol or JVM options.</li>
 * </ul>
 * Rounds are added until every gating check is decided (or one is a REGRESSION and the tail
 * checks are settled), or the time budget ends, with looks
 * fixed in advance and the error spent across them ({@link PairedSequence}); {@code --rounds N}
 * is a fixed design with one look. Each arm stays a complete run directory that {@code compare},
 * {@code gate} and {@code baseline promote} read like any other.
 */
public final class AbEngine {

    /** Which design to use; AUTO takes iteration rounds whenever every benchmark supports them. */
    public enum Choice { AUTO, FORK, ITERATION }

    /** What ab produced and why it stopped. */
    public record Outcome(Path baselineDir, Path candidateDir, Set<LikeWithLike.Variable> declared, Design design,
                          PairedLook look, List<String> notes, String stopReason, int rounds, List<String> order,
                          Optional<Decided> decided) {
        public Outcome {
            notes = List.copyOf(notes);
            order = List.copyOf(order);
        }
    }

    /**
     * When the verdict that sets the exit code was first shown and then held to the end: the
     * earliest look from which every later look had a gating REGRESSION. The sequence may go on
     * after it to settle the tail checks; this is the time a user could have stopped.
     *
     * @param rounds  the rounds of that look
     * @param seconds from the start of the A/B (servers and pilot included) to the end of that look's rounds
     */
    public record Decided(int rounds, double seconds) { }

    /**
     * @param rounds fixed design: this many rounds and one look; empty = adaptive within {@code budget}
     * @param budget wall-clock time the adaptive design may take, start-up included
     * @param fork   --protocol, --jvm-args and --prof of both arms; an arm's protocol: and jvm: go over them
     * @param failFast stop at the first look with a gating REGRESSION, without waiting for the tail checks
     * @param topology how an embedded arm's server is started ({@code --topology}: one server, or a cluster per arm)
     */
    public record Request(List<String> command, Suite suite, ArmSpec baseline, ArmSpec candidate, OptionalInt rounds,
                          Duration budget, Choice design, Optional<String> include, OptionalInt iterations,
                          Optional<Duration> time, OptionalInt warmupIterations, Optional<Duration> warmupTime,
                          boolean pin, Optional<Path> passwordFile, Path resultsDir, CompareConfig config,
                          ForkOptions fork, boolean failFast, TopologySpec topology) {
        /** A request whose embedded arms are one TCP server each. */
        public Request(List<String> command, Suite suite, ArmSpec baseline, ArmSpec candidate, OptionalInt rounds,
                       Duration budget, Choice design, Optional<String> include, OptionalInt iterations,
                       Optional<Duration> time, OptionalInt warmupIterations, Optional<Duration> warmupTime,
                       boolean pin, Optional<Path> passwordFile, Path resultsDir, CompareConfig config,
                       ForkOptions fork, boolean failFast) {
            this(command, suite, baseline, candidate, rounds, budget, design, include, iterations, time,
                    warmupIterations, warmupTime, pin, passwordFile, resultsDir, config, fork, failFast,
                    TopologySpec.single(Topology.STANDALONE));
        }

        /** A request that waits for the tail checks after a regression ({@code failFast} off). */
        public Request(List<String> command, Suite suite, ArmSpec baseline, ArmSpec candidate, OptionalInt rounds,
                       Duration budget, Choice design, Optional<String> include, OptionalInt iterations,
                       Optional<Duration> time, OptionalInt warmupIterations, Optional<Duration> warmupTime,
                       boolean pin, Optional<Path> passwordFile, Path resultsDir, CompareConfig config,
                       ForkOptions fork) {
            this(command, suite, baseline, candidate, rounds, budget, design, include, iterations, time,
                    warmupIterations, warmupTime, pin, passwordFile, resultsDir, config, fork, false);
        }

        /** A request with the forks' default options. */
        public Request(List<String> command, Suite suite, ArmSpec baseline, ArmSpec candidate, OptionalInt rounds,
                       Duration budget, Choice design, Optional<String> include, OptionalInt iterations,
                       Optional<Duration> time, OptionalInt warmupIterations, Optional<Duration> warmupTime,
                       boolean pin, Optional<Path> passwordFile, Path resultsDir, CompareConfig config) {
            this(command, suite, baseline, candidate, rounds, budget, design, include, iterations, time,
                    warmupIterations, warmupTime, pin, passwordFile, resultsDir, config, ForkOptions.DEFAULT);
        }

        public Request {
            command = List.copyOf(command);
            if (rounds.isPresent() && rounds.getAsInt() < 2) {
                throw new UsageException("--rounds " + rounds.getAsInt() + ": a paired comparison needs at least 2");
            }
            if (budget.isNegative() || budget.isZero()) {
                throw new UsageException("--budget " + budget + ": expected a positive duration such as 10m");
            }
            if (!topology.equals(TopologySpec.single(Topology.STANDALONE)) && baseline.target().isPresent()
                    && candidate.target().isPresent()) {
                throw new UsageException("--topology " + topology.label() + " is for embedded arms; both arms are"
                        + " target: URLs, which say their transport");
            }
        }
    }

    private final PrintWriter err;
    private final Clock clock;
    private final RunProgress progress;
    private final boolean verbose;

    /** As {@link RunEngine#RunEngine}: diagnostics, clock, progress, and JMH's output to err too. */
    public AbEngine(PrintWriter err, Clock clock, RunProgress progress, boolean verbose) {
        this.err = err;
        this.clock = clock;
        this.progress = progress;
        this.verbose = verbose;
    }

    /** The settings every fork of the A/B shares. */
    record Plan(List<String> benchmarks, java.util.Map<String, List<String>> params, Design design, int warmups,
                Duration warmupTime, int iterations, Duration time, Duration keyTtl, CorePlan cores, int trials,
                ForkOptions fork) {
        /** Rounds one cycle (an alternated fork, or one fork per arm) adds. */
        int roundsPerCycle() {
            return design == Design.PAIRED_ITERATION_ROUNDS ? iterations / 2 : 1;
        }

        /** The JMH invocation of {@code forks} forks with {@code props}, its JSON to {@code json}. */
        RunEngine.JmhJob job(int forks, List<String> props, Path json) {
            return new RunEngine.JmhJob(benchmarks, params, forks, warmups, warmupTime, iterations, time, props, json);
        }

        long cycleMillis() {
            int forks = design == Design.PAIRED_ITERATION_ROUNDS ? 1 : 2;
            return forks * TrialPlan.plannedMillis(trials, 1, warmups, warmupTime, iterations, time);
        }
    }

    public Outcome run(Request req) throws IOException {
        Plan plan = plan(req);
        Set<LikeWithLike.Variable> declared = ArmSpec.declared(req.baseline(), req.candidate(), req.fork());
        if (declared.isEmpty()) {
            err.println("note: baseline and candidate are the same spec: this is an A/A run (expect NO CHANGE)");
        }
        requireLikeTopologies(req, plan.benchmarks());
        Credentials creds = Credentials.resolve(req.passwordFile(), System.getenv());
        // Probe external targets before any directory exists.
        for (ArmSpec s : List.of(req.baseline(), req.candidate())) {
            s.target().ifPresent(t -> TargetSession.external(t, creds, plan.benchmarks()).close());
        }
        String abId = RunEngine.newRunId("ab-" + req.suite().name(), clock);
        AbArms arms = new AbArms(req, plan, abId, creds, clock, err);
        try {
            arms.open(declared);
            err.println("design: " + plan.design().label() + "; " + (req.rounds().isPresent()
                    ? req.rounds().getAsInt() + " rounds, one look" : "adaptive within " + req.budget().toSeconds()
                    + " s, looks fixed after the first round"));
            Loop loop = loop(req, plan, arms);
            // one cycle is one fork per arm, or one alternated fork measuring both
            arms.finish(loop.order, loop.cycles);
            return new Outcome(arms.a.dir, arms.b.dir, declared, plan.design(), loop.look, loop.notes, loop.reason,
                    loop.rounds, loop.order, loop.decided());
        } catch (RuntimeException | IOException e) {
            arms.abort(e);
            throw e;
        } finally {
            arms.close();
        }
    }

    /** Where the rounds stand while the A/B runs. */
    private static final class Loop {
        final List<String> order = new ArrayList<>();
        List<String> notes = List.of();
        PairedLook look;
        String reason;
        int rounds;
        int cycles;
        /** Each look taken, with the seconds from the start to when its rounds were in. */
        final List<PairedLook> looks = new ArrayList<>();
        final List<Double> lookSeconds = new ArrayList<>();

        void took(PairedLook l, double seconds) {
            look = l;
            looks.add(l);
            lookSeconds.add(seconds);
        }

        Optional<Decided> decided() {
            return AbEngine.decided(looks, lookSeconds);
        }
    }

    /** Adds cycles of rounds until the sequence stops or the budget would be overrun. */
    private Loop loop(Request req, Plan plan, AbArms arms) throws IOException {
        PairedSequence seq = req.rounds().isPresent() ? PairedSequence.fixed(req.rounds().getAsInt(), req.config())
                : PairedSequence.budgeted(req.config(), LookSchedule.Spending.OBRIEN_FLEMING);
        seq.failFast(req.failFast());
        long start = System.nanoTime();
        int plannedCycles = req.rounds().isPresent()
                ? (req.rounds().getAsInt() + plan.roundsPerCycle() - 1) / plan.roundsPerCycle()
                : (int) Math.max(1, req.budget().toMillis() / Math.max(1, plan.cycleMillis()));
        JmhConsole.Work work = new JmhConsole.Work(plannedCycles * plan.cycleMillis());
        Loop loop = new Loop();
        while (true) {
            progress.note("round " + (loop.rounds + 1) + (plan.roundsPerCycle() > 1 ? "-" + (loop.rounds
                    + plan.roundsPerCycle()) : "") + (seq.planned() ? " of at most " + seq.maxRounds() : ""));
            loop.order.addAll(cycle(plan, arms, loop.cycles, work));
            loop.cycles++;
            PairedRuns.Result data = arms.rounds();
            loop.notes = data.notes();
            loop.rounds = data.inputs().stream().mapToInt(p -> p.rounds()).min().orElse(0);
            if (data.inputs().isEmpty()) {
                throw new UsageException("ab: no benchmark could be paired (" + String.join("; ", data.notes()) + ")");
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (!seq.planned()) {
                try {
                    seq.plan(req.budget().toMillis() / 1000.0, elapsed / loop.rounds);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--budget " + req.budget().toSeconds() + "s: " + e.getMessage());
                }
            }
            for (PairedLook l : seq.lookAt(data.inputs(), loop.rounds)) {
                progress.note(AbReport.lookLine(l));
                loop.took(l, elapsed);
            }
            if (seq.stopped()) {
                loop.reason = stopReason(loop.look, req.failFast());
                return loop;
            }
            double perCycle = elapsed / loop.cycles;
            if (req.rounds().isEmpty() && elapsed + perCycle > req.budget().toMillis() / 1000.0 && loop.rounds >= 2) {
                PairedLook closing = seq.close(data.inputs(), loop.rounds);
                if (closing != loop.look) {
                    loop.took(closing, elapsed);
                }
                progress.note(AbReport.lookLine(loop.look));
                loop.reason = "the budget of " + req.budget().toSeconds() + " s ran out after " + loop.rounds + " rounds";
                return loop;
            }
        }
    }

    /**
     * The earliest look from which every later look, the last included, had a gating REGRESSION;
     * empty when the last look had none. A look that failed and a later one that did not break
     * the run: the decision is only as early as the last time it was regained.
     */
    static Optional<Decided> decided(List<PairedLook> looks, List<Double> seconds) {
        int from = looks.size();
        while (from > 0 && looks.get(from - 1).failed()) {
            from--;
        }
        return from == looks.size() ? Optional.empty()
                : Optional.of(new Decided(looks.get(from).look().rounds(), seconds.get(from)));
    }

    /** Why the sequence stopped at {@code look}. */
    private static String stopReason(PairedLook look, boolean failFast) {
        int at = look.look().rounds();
        return look.allGatingDecided() ? "every gating check decided at the look at " + at + " rounds"
                : look.failed() && look.tailSettled() ? "a gating check is a REGRESSION and the tail checks are settled"
                        + " at the look at " + at + " rounds"
                : look.failed() && failFast ? "a gating check is a REGRESSION at the look at " + at + " rounds (--fail-fast)"
                : look.finalLook() ? "the last planned look (" + at + " rounds)"
                : "the open gating checks would need more rounds than the budget holds (look at " + at + " rounds)";
    }

    /** One cycle: an alternated fork, or one fork per arm in this cycle's ABBA order. Returns the order. */
    private List<String> cycle(Plan plan, AbArms arms, int cycle, JmhConsole.Work work) throws IOException {
        if (plan.design() == Design.PAIRED_ITERATION_ROUNDS) {
            Path json = arms.a.dir.resolve("rounds").resolve("alternated-fork" + (cycle + 1) + ".json");
            Path hist = Files.createDirectories(arms.a.dir.resolve("histograms").resolve("fork" + (cycle + 1)));
            List<String> props = PairedFork.forkProperties(arms.a.session, arms.a.spec.injection(), arms.b.session,
                    arms.b.spec.injection(), PairedFork.forFork(cycle), plan.cores(), arms.a.pinDir, hist, plan.keyTtl());
            // both arms' fork options are the same here: plan() takes fork rounds when they are not
            props.addAll(arms.a.spec.forks(plan.fork()).forkProperties());
            fork(plan, arms.a, json, props, work, "fork " + (cycle + 1) + " (A and B alternating)", "");
            checkStorm(arms, hist, "alternated fork " + (cycle + 1), l -> l.equals("A") ? "baseline" : "candidate");
            arms.alternated.add(json);
            return List.of(PairedFork.forFork(cycle));
        }
        List<String> order = cycle % 2 == 0 ? List.of("A", "B") : List.of("B", "A");
        for (String letter : order) {
            AbArms.Arm arm = letter.equals("A") ? arms.a : arms.b;
            Path json = arm.dir.resolve("rounds").resolve("jmh-fork" + (cycle + 1) + ".json");
            Path hist = Files.createDirectories(arm.dir.resolve("histograms").resolve("fork" + (cycle + 1)));
            List<String> props = new ArrayList<>(RunEngine.forkProperties(arm.session, plan.cores(), arm.pinDir, hist,
                    plan.keyTtl()));
            props.addAll(arm.spec.forks(plan.fork()).forkProperties());
            props.addAll(PairedFork.injectionProperties(arm.spec.injection()));
            fork(plan, arm, json, props, work, arm.letter + " (" + arm.role + ") round " + (cycle + 1),
                    "round" + (cycle + 1));
            checkStorm(arms, hist, "round " + (cycle + 1), l -> arm.role);
            arm.rounds.add(json);
        }
        return order;
    }

    private void fork(Plan plan, AbArms.Arm arm, Path json, List<String> props, JmhConsole.Work work, String what,
                      String round) throws IOException {
        ProfileFiles.Profiling profiling = new ProfileFiles.Profiling(plan.fork().profilers(),
                arm.dir.resolve(ProfileFiles.DIR), round);
        try (java.io.PrintStream log = RunEngine.jmhLog(arm.dir)) {
            RunEngine.runJmh(plan.job(1, props, json).withProfiling(profiling),
                    RunEngine.console(log, work, plan.trials(), arm.pinDir, plan.cores(), progress, verbose, err));
        } catch (RunnerException e) {
            throw new RunEngine.RunFailedException(arm.dir + ": A/B aborted in " + what + ", JMH failed: "
                    + RunEngine.firstLine(e));
        }
    }

    /**
     * A fork's MOVED storm ({@link ClusterStorms}) ends the A/B as bad input: both arms are
     * marked ABORTED with the line by {@link #run}, and what was measured stays.
     */
    private void checkStorm(AbArms arms, Path hist, String where, java.util.function.UnaryOperator<String> role) {
        Optional<String> storm = ClusterStorms.check(hist, where, role, err);
        if (storm.isPresent()) {
            throw new BadInputException(storm.get() + "; A/B aborted, " + arms.a.dir + " and " + arms.b.dir);
        }
    }

    /**
     * One line before anything starts when one arm is a Redis Cluster and the other one server
     * (an embedded arm is what {@code --topology} starts; compare calls the two unlike), or when
     * the arms' kind does not fit the benchmarks (the cluster benchmarks need a cluster, the
     * others one server).
     */
    static void requireLikeTopologies(Request req, List<String> benchmarks) {
        boolean a = clusterArm(req.baseline(), req.topology());
        boolean b = clusterArm(req.candidate(), req.topology());
        if (a != b) {
            throw new BadInputException("ab: --baseline " + Redaction.commandLine(req.baseline().text()) + " is "
                    + topologyOf(a) + " but --candidate " + Redaction.commandLine(req.candidate().text()) + " is "
                    + topologyOf(b) + ": an A/B compares like with like; give both arms a cluster (target:redis-cluster://..."
                    + " or, for an embedded arm, --topology cluster[:N]) or neither");
        }
        for (String bench : benchmarks) {
            if (ClusterSeeds.isClusterBenchmark(bench) && !a) {
                throw new BadInputException("ab: " + bench + " is a Redis Cluster benchmark but both arms are one server;"
                        + " give --topology cluster[:N] (embedded arms) or target:redis-cluster://... arms");
            }
            if (!ClusterSeeds.isClusterBenchmark(bench) && a) {
                throw new BadInputException("ab: " + bench + " measures one Redis server but both arms are Redis Clusters;"
                        + " select the cluster benchmarks (--suite cluster)");
            }
        }
    }

    private static boolean clusterArm(ArmSpec spec, TopologySpec topology) {
        return spec.target().map(RedisTarget::isCluster).orElse(topology.cluster());
    }

    private static String topologyOf(boolean cluster) {
        return cluster ? "a Redis Cluster" : "one server";
    }

    /** Benchmarks, design and JMH settings; every usage error before anything starts. */
    static Plan plan(Request req) {
        Suite suite = req.suite();
        List<String> benchmarks = RunEngine.select(suite, req.include());
        Pattern alternating = Pattern.compile(PairedFork.ALTERNATING_BENCHMARKS);
        List<String> cannot = benchmarks.stream().filter(b -> !alternating.matcher(b).find()).toList();
        Profilers.check(req.fork().profilers());
        Optional<String> oneJvm = sharedJvmConflict(req);
        Design design = switch (req.design()) {
            case FORK -> Design.PAIRED_FORK_ROUNDS;
            case ITERATION -> {
                if (oneJvm.isPresent()) {
                    throw new UsageException("--design iteration: " + oneJvm.get() + "; use --design fork");
                }
                if (!cannot.isEmpty()) {
                    throw new UsageException("--design iteration: " + cannot.get(0) + (cannot.size() > 1 ? " and "
                            + (cannot.size() - 1) + " more" : "") + " cannot alternate arms inside a fork; "
                            + "narrow --include to the closed-loop Redis benchmarks or use --design fork");
                }
                yield Design.PAIRED_ITERATION_ROUNDS;
            }
            case AUTO -> cannot.isEmpty() && oneJvm.isEmpty() ? Design.PAIRED_ITERATION_ROUNDS
                    : Design.PAIRED_FORK_ROUNDS;
        };
        int warmups = req.warmupIterations().orElse(suite.warmupIterations());
        Duration warmupTime = req.warmupTime().orElse(suite.warmupTime());
        Duration time = req.time().orElse(design == Design.PAIRED_ITERATION_ROUNDS ? Duration.ofSeconds(1)
                : suite.iterationTime());
        int iterations = req.iterations().orElse(design == Design.PAIRED_ITERATION_ROUNDS ? 10 : suite.iterations());
        if (design == Design.PAIRED_ITERATION_ROUNDS) {
            PairedFork.checkIterations(iterations);
        }
        return new Plan(benchmarks, suite.params(), design, warmups, warmupTime, iterations, time,
                RunEngine.keyTtl(warmups, warmupTime, iterations, time), HostCpus.plan(req.pin()),
                TrialPlan.trials(benchmarks, suite.params()), req.fork());
    }

    /**
     * Why both arms cannot share one client JVM (iteration rounds), if they cannot: their JVM
     * options or protocols differ (one JVM has one set), or a profiler is attached (it would
     * profile both arms' iterations as one, and its output could not be told apart).
     */
    static Optional<String> sharedJvmConflict(Request req) {
        ForkOptions a = req.baseline().forks(req.fork());
        ForkOptions b = req.candidate().forks(req.fork());
        if (!a.protocol().equals(b.protocol()) || !a.jvmArgs().equals(b.jvmArgs())) {
            return Optional.of("the arms differ in protocol or JVM options, which one client JVM cannot have both of");
        }
        if (!req.fork().profilers().isEmpty()) {
            return Optional.of("--prof would profile both arms in one JVM, and their profiles could not be told apart");
        }
        return Optional.empty();
    }

    /**
     * The embedded or external server of one arm; an embedded arm is started as {@code topology}
     * says (one server, or a cluster of its own on free ports), with the arm's binary and profile.
     */
    static TargetSession open(ArmSpec spec, Path dir, Credentials creds, CorePlan plan, List<String> benchmarks,
                              TopologySpec topology) {
        if (spec.target().isPresent()) {
            return TargetSession.external(spec.target().get(), creds, benchmarks);
        }
        RedisBinary bin = RedisBinary.resolve(spec.binary(), System.getenv("PATH"));
        ConfigProfile profile = ConfigProfile.load(spec.profile().orElse("stock"), Optional.of(BuildInfo.home()));
        return TargetSession.embedded(bin, profile, 0, plan.serverCpu().map(String::valueOf), dir.resolve("redis-work"),
                topology, benchmarks);
    }
}
