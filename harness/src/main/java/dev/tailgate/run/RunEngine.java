package dev.tailgate.run;

import dev.tailgate.bench.support.AllowedCpus;
import dev.tailgate.fingerprint.HostCpus;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.CorePlan;
import dev.tailgate.model.ForkOptions;
import dev.tailgate.model.HiccupSummary;
import dev.tailgate.model.SummaryRow;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.launch.ConfigProfile;
import dev.tailgate.redis.launch.RedisBinary;
import dev.tailgate.redis.telemetry.TelemetryDiff;
import dev.tailgate.store.Manifest;
import dev.tailgate.store.RunLock;
import dev.tailgate.store.RunStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code tailgate run}: select benchmarks, bring up the target, plan cores, run JMH in-process
 * (its forks inherit this classpath and get their settings as system properties), and leave a
 * run directory whose manifest says COMPLETE only if everything finished.
 */
public final class RunEngine {

    /** What a finished run left behind. */
    public record Outcome(Path runDir, Manifest manifest, List<SummaryRow> rows, Optional<TelemetryDiff> serverSide,
                          List<HiccupSummary> hiccups) {
        public Outcome {
            hiccups = List.copyOf(hiccups);
        }
    }

    private final PrintWriter err;
    private final Clock clock;
    private final RunProgress progress;
    private final boolean verbose;

    /**
     * @param err      diagnostics (banners, warnings; JMH's own output with {@code verbose})
     * @param clock    where run ids and manifest times come from (the CLI's root clock)
     * @param progress where finished trials and the run's progress are reported
     * @param verbose  stream JMH's whole console output to {@code err} as well as to jmh.log
     */
    public RunEngine(PrintWriter err, Clock clock, RunProgress progress, boolean verbose) {
        this.err = err;
        this.clock = clock;
        this.progress = progress;
        this.verbose = verbose;
    }

    public Outcome run(RunRequest req) throws IOException {
        Setup s = setup(req);
        // An external target is checked before a run directory exists: a wrong password or an
        // unreachable host must not leave anything that looks like a run behind.
        Optional<TargetSession> external = req.target().map(t -> TargetSession.external(t, s.creds(), s.benchmarks()));
        new RunStore(req.resultsDir()).claim(s.runId());
        RunLock.write(s.runDir());
        Path pinDir = Files.createDirectories(s.runDir().resolve("pinning"));
        Path histDir = Files.createDirectories(s.runDir().resolve("histograms"));
        try (TargetSession session = external.isPresent() ? external.get() : startEmbedded(req, s)) {
            PinningCheck.recordServer(session, s.plan(), pinDir);
            err.println(session.banner());
            err.println("cores: " + describe(s.plan()));
            err.flush();
            JmhJob job = job(req, s, session, pinDir, histDir);
            RunLifecycle life = new RunLifecycle(s.runDir(), pinDir, s.plan(), "this run", clock, err);
            life.start(RunLifecycle.running(s.runId(), req.suite(), req.command(), job.settings(), session,
                    s.plan(), clock).withInjection(req.injection()).withFork(req.fork())
                    .withDistributed(req.shard().map(sh -> sh.resolve(req.suite().name(), job.settings(),
                            BuildInfo.gitSha(BuildInfo.home())))), "interrupted before the run finished");
            life.openTelemetry(session);
            Collection<RunResult> results = measure(job, s, pinDir, life, session);
            Optional<TelemetryDiff> serverSide = life.closeTelemetry();
            Optional<String> storm = ClusterStorms.check(histDir, "the run", arm -> "", err);
            if (storm.isPresent()) {
                // the slots moved under the benchmark: what was measured stays, marked ABORTED (docs/targets.md)
                aborted(life, s.runDir(), storm.get());
                throw new BadInputException(storm.get() + "; run aborted, " + s.runDir());
            }
            Manifest.Pinning pinning = life.pinning();
            life.writeFingerprint(session, pinning);
            if (!life.complete(pinning, UnaryOperator.identity())) {
                throw new RunFailedException(s.runDir() + ": run aborted, interrupted before the run finished");
            }
            List<SummaryRow> rows = RunSummary.fromJmh(results);
            return new Outcome(s.runDir(), life.manifest(), rows, serverSide, life.writeHiccups(histDir, rows));
        }
    }

    /** What a run needs before anything starts; every usage error and bad input is raised while it is made. */
    private record Setup(String runId, Path runDir, List<String> benchmarks, Credentials creds, CorePlan plan,
                         Optional<RedisBinary> binary, Optional<ConfigProfile> profile) {
    }

    private Setup setup(RunRequest req) {
        List<String> benchmarks = select(req.suite(), req.include());
        Profilers.check(req.fork().profilers());
        Credentials creds = Credentials.resolve(req.passwordFile(), System.getenv());
        Credentials.sweepStaleCopies(Path.of(System.getProperty("java.io.tmpdir")));
        if (req.target().isEmpty() && creds.present() && req.passwordFile().isPresent()) {
            throw new BadInputException("--password-file given without --target: the embedded Redis has no password");
        }
        String runId = req.runId().orElseGet(() -> newRunId(req.suite().name(), clock));
        Path runDir = new RunStore(req.resultsDir()).requireFree(runId);
        Optional<RedisBinary> binary = req.target().isPresent() ? Optional.empty()
                : Optional.of(RedisBinary.resolve(req.redisServer(), System.getenv("PATH")));
        Optional<ConfigProfile> profile = req.target().isPresent() ? Optional.empty()
                : Optional.of(ConfigProfile.load(req.profile(), Optional.of(BuildInfo.home())));
        return new Setup(runId, runDir, benchmarks, creds, HostCpus.plan(req.pin()), binary, profile);
    }

    /** The embedded server; a server that does not start takes the new run directory with it. */
    private static TargetSession startEmbedded(RunRequest req, Setup s) {
        try {
            return TargetSession.embedded(s.binary().orElseThrow(), s.profile().orElseThrow(), req.port(),
                    s.plan().serverCpu().map(String::valueOf), s.runDir().resolve("redis-work"), req.topology(),
                    s.benchmarks());
        } catch (RuntimeException e) {
            new RunStore(req.resultsDir()).unclaim(s.runDir());
            throw e;
        }
    }

    /** The run's one JMH invocation: the suite's settings unless the request overrides them. */
    private static JmhJob job(RunRequest req, Setup s, TargetSession session, Path pinDir, Path histDir) {
        Suite suite = req.suite();
        int forks = req.forks().orElse(suite.forks());
        int iterations = req.iterations().orElse(suite.iterations());
        int warmups = req.warmupIterations().orElse(suite.warmupIterations());
        Duration time = req.time().orElse(suite.iterationTime());
        Duration warmupTime = req.warmupTime().orElse(suite.warmupTime());
        List<String> jvmArgs = new ArrayList<>(forkProperties(session, s.plan(), pinDir, histDir,
                keyTtl(warmups, warmupTime, iterations, time)));
        jvmArgs.addAll(req.fork().forkProperties());
        jvmArgs.addAll(PairedFork.injectionProperties(req.injection()));
        req.shard().ifPresent(sh -> jvmArgs.add(sh.forkProperty()));
        return new JmhJob(s.benchmarks(), suite.params(), forks, warmups, warmupTime, iterations, time, jvmArgs,
                s.runDir().resolve("jmh.json"), new ProfileFiles.Profiling(req.fork().profilers(),
                        s.runDir().resolve(ProfileFiles.DIR), ""));
    }

    /**
     * Runs JMH; a failure or a run without results leaves the run ABORTED and its lock released.
     * A benchmark fails when its target dies or stops answering: the target is asked then, so
     * that a dead target is reported as the bad input it is (exit 3), not as a crash of tailgate.
     */
    private Collection<RunResult> measure(JmhJob job, Setup s, Path pinDir, RunLifecycle life, TargetSession session)
            throws IOException {
        int trials = TrialPlan.trials(job.benchmarks(), job.params());
        JmhConsole.Work work = new JmhConsole.Work(TrialPlan.plannedMillis(trials, job.forks(), job.warmups(),
                job.warmupTime(), job.iterations(), job.time()));
        Collection<RunResult> results;
        try (PrintStream log = jmhLog(s.runDir())) {
            results = runJmh(job, console(log, work, trials, pinDir, s.plan()));
        } catch (RunnerException e) {
            Optional<String> lost = session.lost();
            RunFailedException failed = aborted(life, s.runDir(), lost.orElse("JMH failed: " + firstLine(e)));
            if (lost.isPresent()) {
                throw new BadInputException(lost.get() + ": run aborted, " + s.runDir());
            }
            throw failed;
        }
        if (results.isEmpty()) {
            throw aborted(life, s.runDir(), "no benchmark produced a result");
        }
        return results;
    }

    /** Marks the run ABORTED with {@code reason} and releases its lock; returns the failure to throw. */
    private static RunFailedException aborted(RunLifecycle life, Path runDir, String reason) throws IOException {
        life.abort(reason);
        RunLock.release(runDir);
        return new RunFailedException(runDir + ": run aborted, " + reason);
    }

    /** One JMH invocation: which benchmarks, how long, where the JSON and the profilers' output go. */
    public record JmhJob(List<String> benchmarks, java.util.Map<String, List<String>> params, int forks, int warmups,
                         Duration warmupTime, int iterations, Duration time, List<String> jvmArgs, Path json,
                         ProfileFiles.Profiling profiling) {
        /** An invocation without profilers. */
        public JmhJob(List<String> benchmarks, java.util.Map<String, List<String>> params, int forks, int warmups,
                      Duration warmupTime, int iterations, Duration time, List<String> jvmArgs, Path json) {
            this(benchmarks, params, forks, warmups, warmupTime, iterations, time, jvmArgs, json,
                    ProfileFiles.Profiling.none());
        }

        /** This invocation with {@code p}'s profilers. */
        JmhJob withProfiling(ProfileFiles.Profiling p) {
            return new JmhJob(benchmarks, params, forks, warmups, warmupTime, iterations, time, jvmArgs, json, p);
        }

        /** How the manifest records this invocation, with the JMH version it runs on. */
        Manifest.JmhSettings settings() {
            return new Manifest.JmhSettings(benchmarks, params, forks, warmups, warmupTime.toString(), iterations,
                    time.toString(), jvmArgs, BuildInfo.dependencyVersions().get("org.openjdk.jmh:jmh-core"));
        }
    }

    /** jmh.log of a run directory, appended to by every JMH invocation of the run, secrets masked. */
    static PrintStream jmhLog(Path runDir) throws IOException {
        return new PrintStream(new RedactingLog(Files.newOutputStream(runDir.resolve("jmh.log"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)),
                true, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** JMH's output for one invocation: whole to {@code log}, summarised to {@link #progress}. */
    JmhConsole console(PrintStream log, JmhConsole.Work work, int trials, Path pinDir, CorePlan plan) {
        return console(log, work, trials, pinDir, plan, progress, verbose, err);
    }

    static JmhConsole console(PrintStream log, JmhConsole.Work work, int trials, Path pinDir, CorePlan plan,
                              RunProgress progress, boolean verbose, PrintWriter err) {
        Optional<PrintStream> console = verbose
                ? Optional.of(new PrintStream(new WriterOutputStream(err), true, java.nio.charset.StandardCharsets.UTF_8))
                : Optional.empty();
        return new JmhConsole(log, console, progress, work, trials, pinDir, plan);
    }

    /**
     * Runs JMH in-process, its output going to {@code console}. The forks' own stdout and stderr
     * reach this JVM's System.out and System.err through JMH's binary link, outside any output
     * format; they are pointed at the console's fork output for the run and put back after, so
     * that stdout stays the summary table.
     */
    public static Collection<RunResult> runJmh(JmhJob job, JmhConsole console) throws RunnerException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream forks = console.forkOutput();
        System.setOut(forks);
        System.setErr(forks);
        try {
            return runJmh(job, (OutputFormat) console);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Runs JMH in-process, its output going to {@code format}. */
    static Collection<RunResult> runJmh(JmhJob job, OutputFormat format) throws RunnerException {
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .forks(job.forks()).warmupIterations(job.warmups()).warmupTime(tv(job.warmupTime()))
                .measurementIterations(job.iterations()).measurementTime(tv(job.time()))
                .resultFormat(ResultFormatType.JSON).result(job.json().toString())
                .shouldFailOnError(true).jvmArgsAppend(job.jvmArgs().toArray(String[]::new));
        for (String b : job.benchmarks()) {
            opts.include("^" + Pattern.quote(b) + "$");
        }
        job.params().forEach((k, v) -> opts.param(k, v.toArray(String[]::new)));
        ProfileFiles.Profiling profiling = job.profiling();
        if (!profiling.specs().isEmpty()) {
            AsyncProfilerLib async = AsyncProfilerLib.find(System.getenv());
            for (String spec : profiling.specs()) {
                Profilers.Spec p = Profilers.forJmh(Profilers.Spec.parse(spec), profiling.staging(), async);
                opts.addProfiler(p.name(), p.options());
            }
        }
        Collection<RunResult> results = new Runner(opts.build(), format).run();
        try {
            ProfileFiles.collect(results, profiling);
        } catch (IOException e) {
            throw new RunnerException("profiler output: " + e.getMessage(), e);
        }
        return results;
    }

    /** Selected benchmark names: in the suite AND matching --include. Fails before anything starts. */
    static List<String> select(Suite suite, Optional<String> include) {
        Pattern user = null;
        if (include.isPresent()) {
            try {
                user = Pattern.compile(include.get());
            } catch (PatternSyntaxException e) {
                throw new BadInputException("--include " + include.get() + ": not a regular expression ("
                        + e.getDescription() + ")");
            }
        }
        OutputFormat quiet = OutputFormatFactory.createFormatInstance(
                new PrintStream(PrintStream.nullOutputStream()), VerboseMode.SILENT);
        SortedSet<BenchmarkListEntry> all;
        try {
            all = BenchmarkList.defaultList().find(quiet, suite.includes(), suite.excludes());
        } catch (RuntimeException e) {
            throw new BadInputException("no benchmark list in this build (" + e.getMessage()
                    + "): rebuild with mvn -DskipTests package");
        }
        List<String> names = new ArrayList<>();
        for (BenchmarkListEntry e : all) {
            String n = e.getUsername();
            if ((user == null || user.matcher(n).find()) && !names.contains(n)) {
                names.add(n);
            }
        }
        if (names.isEmpty()) {
            throw new BadInputException("--include " + include.orElse("(none)") + ": matches no benchmark of suite "
                    + suite.name() + "; list them with: java -jar benchmarks/target/benchmarks.jar -l");
        }
        return names;
    }

    /**
     * System properties for the forks; the password never travels in them (see {@link Credentials}).
     * The protocol and the user's JVM options come after, from {@link ForkOptions#forkProperties()}.
     */
    static List<String> forkProperties(TargetSession s, CorePlan plan, Path pinDir, Path histDir, Duration keyTtl) {
        List<String> a = new ArrayList<>();
        a.addAll(s.target().forkProperties("tailgate.redis."));
        a.addAll(s.credentials().forkProperties());
        a.add("-Dtailgate.keyPrefix=" + TargetSession.KEY_PREFIX);
        a.add("-Dtailgate.keyTtlMillis=" + keyTtl.toMillis());
        a.add("-Dtailgate.pin=" + plan.pin());
        a.add("-Dtailgate.cpu.server=" + plan.serverCpu().orElse(-1));
        a.add("-Dtailgate.cpu.clients=" + plan.clientCpus().stream().map(String::valueOf).collect(Collectors.joining(",")));
        a.add("-Dtailgate.pinning.dir=" + pinDir.toAbsolutePath());
        a.add("-Dtailgate.histograms.dir=" + histDir.toAbsolutePath());
        return a;
    }

    /**
     * The TTL every benchmark key gets, so a run killed before its teardown leaves nothing
     * permanent on the target. Keys live for one trial (one benchmark in one fork): its warmup
     * and measurement iterations, plus setup and teardown. Twice that, plus ten minutes for
     * JVM start, overrunning iterations and stalls, outlives any trial of the run; the run still
     * deletes its keys at every teardown it reaches.
     */
    static Duration keyTtl(int warmups, Duration warmupTime, int iterations, Duration time) {
        Duration trial = warmupTime.multipliedBy(warmups).plus(time.multipliedBy(iterations));
        return trial.multipliedBy(2).plus(Duration.ofMinutes(10));
    }


    static String describe(CorePlan p) {
        if (!p.pin()) {
            return "not pinned (--no-pin)";
        }
        return "redis+echo on " + p.serverCpu().map(String::valueOf).orElse("-") + ", clients on "
                + AllowedCpus.format(p.clientCpus()) + " (" + p.source() + " CPUs "
                + AllowedCpus.format(p.source().equals("isolated") ? p.isolated() : p.available()) + ")"
                + (p.notes().isEmpty() ? "" : "; " + String.join("; ", p.notes()));
    }

    static String newRunId(String suite, Clock clock) {
        String ts = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
        byte[] r = new byte[2];
        ThreadLocalRandom.current().nextBytes(r);
        return ts + "-" + suite + "-" + HexFormat.of().formatHex(r);
    }

    private static TimeValue tv(Duration d) {
        return TimeValue.milliseconds(d.toMillis());
    }

    static String firstLine(Throwable e) {
        Throwable t = e;
        String m = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                m = t.getMessage();
            }
            t = t.getCause();
        }
        return m == null ? e.getClass().getSimpleName() : m.strip().lines().findFirst().orElse(m);
    }

    /** A benchmark failed mid-run: the run directory is kept and marked ABORTED. */
    public static final class RunFailedException extends RuntimeException {
        public RunFailedException(String message) {
            super(message);
        }
    }
}
