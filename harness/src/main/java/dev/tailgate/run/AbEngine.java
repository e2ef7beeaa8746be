package dev.tailgate.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.fingerprint.HostCpus;
import dev.tailgate.model.CorePlan;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.Telemetry;
import dev.tailgate.redis.launch.ConfigProfile;
import dev.tailgate.redis.launch.RedisBinary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openjdk.jmh.runner.RunnerException;

/**
 * {@code tailgate ab}: both arms on this machine, interleaved fork by fork in an A B B A ...
 * order, so that the machine's drift (other tenants, thermal state, page cache) hits both arms
 * alike instead of masquerading as a difference. Each round is one JMH fork per arm; the
 * rounds are merged into one N-fork {@code jmh.json} per arm ({@link JmhJsonMerger}).
 *
 * <p>Both embedded servers run for the whole A/B on the same (server) CPU; only one is being
 * measured at a time. Each arm is a complete run directory that {@code compare}, {@code gate}
 * and {@code baseline promote} accept like any other.
 */
public final class AbEngine {

    /** What ab produced. */
    public record Outcome(Path baselineDir, Path candidateDir, Set<LikeWithLike.Variable> declared, List<String> order) {
    }

    /**
     * @param rounds forks per arm; the order alternates AB, BA, AB, ...
     */
    public record Request(List<String> command, Suite suite, ArmSpec baseline, ArmSpec candidate, int rounds,
                          Optional<String> include, java.util.OptionalInt iterations, Optional<Duration> time,
                          java.util.OptionalInt warmupIterations, Optional<Duration> warmupTime, boolean pin,
                          Optional<Path> passwordFile, Path resultsDir) {
        public Request {
            command = List.copyOf(command);
            if (rounds < 3) {
                throw new dev.tailgate.model.UsageException("--rounds " + rounds
                        + ": needs at least 3 (one fork per arm per round; compare needs 3 forks per arm)");
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

    /** One arm while the A/B runs. */
    private static final class Arm {
        final String role;
        final String letter;
        final ArmSpec spec;
        final Path dir;
        final Path pinDir;
        TargetSession session;
        Optional<Telemetry> telemetry = Optional.empty();
        Manifest manifest;
        final ManifestFile manifestFile;
        final List<JsonNode> rounds = new ArrayList<>();

        Arm(String role, String letter, ArmSpec spec, Path dir) throws IOException {
            this.role = role;
            this.letter = letter;
            this.spec = spec;
            this.dir = Files.createDirectories(dir);
            this.manifestFile = new ManifestFile(this.dir.resolve("manifest.json"));
            RunLock.write(this.dir);
            this.pinDir = Files.createDirectories(dir.resolve("pinning"));
            Files.createDirectories(dir.resolve("histograms"));
            Files.createDirectories(dir.resolve("rounds"));
        }
    }

    public Outcome run(Request req) throws IOException {
        Suite suite = req.suite();
        List<String> benchmarks = RunEngine.select(suite, req.include());
        Set<LikeWithLike.Variable> declared = ArmSpec.declared(req.baseline(), req.candidate());
        if (declared.isEmpty()) {
            err.println("note: baseline and candidate are the same spec: this is an A/A run (expect NO CHANGE)");
        }
        Credentials creds = Credentials.resolve(req.passwordFile(), System.getenv());
        CorePlan plan = HostCpus.plan(req.pin());
        String abId = RunEngine.newRunId("ab-" + suite.name(), clock);
        int iterations = req.iterations().orElse(suite.iterations());
        int warmups = req.warmupIterations().orElse(suite.warmupIterations());
        Duration time = req.time().orElse(suite.iterationTime());
        Duration warmupTime = req.warmupTime().orElse(suite.warmupTime());
        Duration keyTtl = RunEngine.keyTtl(warmups, warmupTime, iterations, time);

        List<String> order = new ArrayList<>();
        for (int r = 0; r < req.rounds(); r++) {
            order.addAll(r % 2 == 0 ? List.of("A", "B") : List.of("B", "A"));
        }
        // Probe external targets before any directory exists.
        for (ArmSpec s : List.of(req.baseline(), req.candidate())) {
            s.target().ifPresent(t -> TargetSession.external(t, creds, benchmarks).close());
        }
        Arm a = new Arm("baseline", "A", req.baseline(), req.resultsDir().resolve(abId + "-baseline"));
        Arm b = new Arm("candidate", "B", req.candidate(), req.resultsDir().resolve(abId + "-candidate"));
        try {
            for (Arm arm : List.of(a, b)) {
                arm.session = open(arm, creds, plan, benchmarks);
                PinningCheck.recordServer(arm.session, plan, arm.pinDir);
                err.println(arm.letter + " (" + arm.role + ", " + arm.spec.text() + "): " + arm.session.banner());
            }
            err.println("cores: " + RunEngine.describe(plan) + "; order " + String.join(" ", order));
            for (Arm arm : List.of(a, b)) {
                Arm other = arm == a ? b : a;
                arm.manifest = new Manifest(Manifest.SCHEMA, arm.dir.getFileName().toString(), suite.name(),
                        Manifest.Status.RUNNING, Optional.empty(), clock.instant(), Optional.empty(), req.command(),
                        new Manifest.JmhSettings(benchmarks, suite.params(), req.rounds(), warmups, warmupTime.toString(),
                                iterations, time.toString(), armForkProperties(arm, plan, arm.dir.resolve("histograms"), keyTtl),
                                BuildInfo.dependencyVersions().get("org.openjdk.jmh:jmh-core")),
                        BuildInfo.gitSha(BuildInfo.home()), BuildInfo.dependencyVersions(), arm.session.describe(), plan,
                        new Manifest.Pinning("UNKNOWN", "not yet run", List.of()), Manifest.HostInfo.current(),
                        Optional.of(new Manifest.AbInfo(abId, arm.role, arm.spec.text(),
                                declared.stream().map(Enum::name).sorted().toList(), order,
                                other.dir.getFileName().toString())))
                        .withInjection(arm.spec.injection());
                arm.manifestFile.write(arm.manifest);
                Manifest running = arm.manifest;
                arm.manifestFile.abortOnExit(() -> running.finished(Manifest.Status.ABORTED,
                        Optional.of("interrupted before the A/B finished"), clock.instant(),
                        PinningCheck.evaluate(arm.pinDir, plan)));
                arm.telemetry = RunEngine.openTelemetry(arm.session, arm.dir, err, arm.role, clock);
            }
            int trials = TrialPlan.trials(benchmarks, suite.params());
            JmhConsole.Work work = new JmhConsole.Work(order.size()
                    * TrialPlan.plannedMillis(trials, 1, warmups, warmupTime, iterations, time));
            for (int i = 0; i < order.size(); i++) {
                Arm arm = order.get(i).equals("A") ? a : b;
                int round = i / 2;
                progress.note("round " + (round + 1) + "/" + req.rounds() + ": " + arm.letter + " (" + arm.role + ")");
                Path json = arm.dir.resolve("rounds").resolve("jmh-fork" + (round + 1) + ".json");
                Path hist = Files.createDirectories(arm.dir.resolve("histograms").resolve("fork" + (round + 1)));
                try (java.io.PrintStream log = RunEngine.jmhLog(arm.dir)) {
                    RunEngine.runJmh(new RunEngine.JmhJob(benchmarks, suite.params(), 1, warmups, warmupTime, iterations,
                            time, armForkProperties(arm, plan, hist, keyTtl), json),
                            RunEngine.console(log, work, trials, arm.pinDir, plan, progress, verbose, err));
                } catch (RunnerException e) {
                    throw new RunEngine.RunFailedException(arm.dir + ": A/B aborted in round " + (round + 1) + ", JMH failed: "
                            + RunEngine.firstLine(e));
                }
                arm.rounds.add(Json.MAPPER.readTree(json.toFile()));
            }
            for (Arm arm : List.of(a, b)) {
                Json.MAPPER.writeValue(arm.dir.resolve("jmh.json").toFile(), JmhJsonMerger.merge(arm.rounds));
                // every round's hiccup logs (histograms/forkN/), as evidence; without JMH's in-process
                // results here there is no p99.9 to set them against, so nothing is flagged
                RunEngine.writeHiccups(arm.dir.resolve("histograms"), List.of(), arm.dir, err);
                arm.telemetry.ifPresent(t -> {
                    try (t) {
                        t.afterRun(arm.dir, clock.instant());
                    } catch (RuntimeException e) {
                        err.println("warning: no redis-after.json for " + arm.role + ": " + e.getMessage());
                    }
                });
                Manifest.Pinning pinning = PinningCheck.evaluate(arm.pinDir, plan);
                arm.manifestFile.finish(
                        arm.manifest.finished(Manifest.Status.COMPLETE, Optional.empty(), clock.instant(), pinning));
            }
            return new Outcome(a.dir, b.dir, declared, order);
        } catch (RuntimeException | IOException e) {
            for (Arm arm : List.of(a, b)) {
                if (arm.manifest != null) {
                    try {
                        arm.manifestFile.finish(arm.manifest.finished(
                                Manifest.Status.ABORTED, Optional.of(String.valueOf(e.getMessage())), clock.instant(),
                                PinningCheck.evaluate(arm.pinDir, plan)));
                    } catch (IOException ignored) {
                        // the manifest still says RUNNING, which no reader takes as complete
                    }
                }
            }
            throw e;
        } finally {
            for (Arm arm : List.of(a, b)) {
                if (arm.session != null) {
                    arm.session.close();
                }
                RunLock.release(arm.dir);
            }
        }
    }

    /** The arm's fork properties, with its injected delay if the spec has one. */
    private static List<String> armForkProperties(Arm arm, CorePlan plan, Path histDir, Duration keyTtl) {
        List<String> p = new ArrayList<>(RunEngine.forkProperties(arm.session, plan, arm.pinDir, histDir, keyTtl));
        p.addAll(PairedFork.injectionProperties(arm.spec.injection()));
        return p;
    }

    private static TargetSession open(Arm arm, Credentials creds, CorePlan plan, List<String> benchmarks) {
        if (arm.spec.target().isPresent()) {
            return TargetSession.external(arm.spec.target().get(), creds, benchmarks);
        }
        RedisBinary bin = RedisBinary.resolve(arm.spec.binary(), System.getenv("PATH"));
        ConfigProfile profile = ConfigProfile.load(arm.spec.profile().orElse("stock"), Optional.of(BuildInfo.home()));
        return TargetSession.embedded(bin, profile, 0, plan.serverCpu().map(String::valueOf), arm.dir.resolve("redis-work"));
    }

}
