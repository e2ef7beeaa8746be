package dev.tailgate.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.compare.Design;
import dev.tailgate.compare.PairedRuns;
import dev.tailgate.compareservice.LikeWithLike;
import dev.tailgate.ingest.RunLoader;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.Run;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.telemetry.Telemetry;
import dev.tailgate.store.Manifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The two run directories of an A/B while it runs: each arm's server, manifest (RUNNING, then
 * COMPLETE or ABORTED, also on Ctrl-C), telemetry and the JMH files of its rounds; at the end,
 * each arm's {@code jmh.json} holds its own forks (fork rounds) or its own iterations of the
 * alternated forks (iteration rounds, split by {@link PairedSplit}).
 */
final class AbArms {

    /** One arm. */
    static final class Arm {
        final String role;
        final String letter;
        final ArmSpec spec;
        final Path dir;
        final Path pinDir;
        final ManifestFile manifestFile;
        final List<Path> rounds = new ArrayList<>();
        TargetSession session;
        Optional<Telemetry> telemetry = Optional.empty();
        Manifest manifest;

        Arm(String role, String letter, ArmSpec spec, Path dir) throws IOException {
            this.role = role;
            this.letter = letter;
            this.spec = spec;
            this.dir = Files.createDirectories(dir);
            this.pinDir = Files.createDirectories(dir.resolve("pinning"));
            Files.createDirectories(dir.resolve("histograms"));
            Files.createDirectories(dir.resolve("rounds"));
            this.manifestFile = new ManifestFile(dir.resolve("manifest.json"));
        }
    }

    final Arm a;
    final Arm b;
    /** Iteration rounds: the alternated forks' JMH files, in the baseline's directory. */
    final List<Path> alternated = new ArrayList<>();
    private final AbEngine.Request req;
    private final AbEngine.Plan plan;
    private final String abId;
    private final Credentials creds;
    private final Clock clock;
    private final PrintWriter err;

    AbArms(AbEngine.Request req, AbEngine.Plan plan, String abId, Credentials creds, Clock clock, PrintWriter err)
            throws IOException {
        this.req = req;
        this.plan = plan;
        this.abId = abId;
        this.creds = creds;
        this.clock = clock;
        this.err = err;
        this.a = new Arm("baseline", "A", req.baseline(), req.resultsDir().resolve(abId + "-baseline"));
        this.b = new Arm("candidate", "B", req.candidate(), req.resultsDir().resolve(abId + "-candidate"));
    }

    /** Starts or connects both servers and writes both RUNNING manifests with their abort hooks. */
    void open(Set<LikeWithLike.Variable> declared) throws IOException {
        for (Arm arm : List.of(a, b)) {
            arm.session = AbEngine.open(arm.spec, arm.dir, creds, plan.cores(), plan.benchmarks());
            PinningCheck.recordServer(arm.session, plan.cores(), arm.pinDir);
            err.println(arm.letter + " (" + arm.role + ", " + arm.spec.text() + "): " + arm.session.banner());
        }
        err.println("cores: " + RunEngine.describe(plan.cores()));
        for (Arm arm : List.of(a, b)) {
            Arm other = arm == a ? b : a;
            List<String> props = new ArrayList<>(RunEngine.forkProperties(arm.session, plan.cores(), arm.pinDir,
                    arm.dir.resolve("histograms"), plan.keyTtl()));
            props.addAll(PairedFork.injectionProperties(arm.spec.injection()));
            arm.manifest = new Manifest(Manifest.SCHEMA, arm.dir.getFileName().toString(), req.suite().name(),
                    Manifest.Status.RUNNING, Optional.empty(), clock.instant(), Optional.empty(), req.command(),
                    new Manifest.JmhSettings(plan.benchmarks(), plan.params(), 0, plan.warmups(),
                            plan.warmupTime().toString(), plan.iterations(), plan.time().toString(), props,
                            BuildInfo.dependencyVersions().get("org.openjdk.jmh:jmh-core")),
                    BuildInfo.gitSha(BuildInfo.home()), BuildInfo.dependencyVersions(), arm.session.describe(),
                    plan.cores(), new Manifest.Pinning("UNKNOWN", "not yet run", List.of()), Manifest.HostInfo.current(),
                    Optional.of(new Manifest.AbInfo(abId, arm.role, arm.spec.text(),
                            declared.stream().map(Enum::name).sorted().toList(), List.of(),
                            other.dir.getFileName().toString())))
                    .withInjection(arm.spec.injection())
                    .withDesign(Optional.of(plan.design() == Design.PAIRED_ITERATION_ROUNDS
                            ? Manifest.Design.pairedIterations(PairedFork.DEFAULT_PATTERN, arm.letter)
                            : Manifest.Design.pairedForks(arm.letter)));
            arm.manifestFile.write(arm.manifest);
            Manifest running = arm.manifest;
            arm.manifestFile.abortOnExit(() -> running.finished(Manifest.Status.ABORTED,
                    Optional.of("interrupted before the A/B finished"), clock.instant(),
                    PinningCheck.evaluate(arm.pinDir, plan.cores())));
            arm.telemetry = RunEngine.openTelemetry(arm.session, arm.dir, err, arm.role, clock);
        }
    }

    /** Every round measured so far, per benchmark, for the paired statistics. */
    PairedRuns.Result rounds() throws IOException {
        if (plan.design() == Design.PAIRED_ITERATION_ROUNDS) {
            Path all = a.dir.resolve("rounds").resolve("alternated.json");
            JsonFiles.writeJson(all, JmhJsonMerger.merge(read(alternated)));
            return PairedRuns.iterationRounds(load(all), true);
        }
        List<Run> base = new ArrayList<>();
        List<Run> cand = new ArrayList<>();
        for (Path p : a.rounds) {
            base.add(load(p));
        }
        for (Path p : b.rounds) {
            cand.add(load(p));
        }
        return PairedRuns.forkRounds(base, cand);
    }

    /** Writes each arm's jmh.json, hiccups, telemetry and its COMPLETE manifest. */
    void finish(List<String> order, int forks) throws IOException {
        List<JsonNode> aDocs;
        List<JsonNode> bDocs;
        Path pinning;
        if (plan.design() == Design.PAIRED_ITERATION_ROUNDS) {
            PairedSplit.Result split = PairedSplit.split(a.dir.resolve("rounds").resolve("alternated.json").toString(),
                    JmhJsonMerger.merge(read(alternated)), PairedFork.DEFAULT_PATTERN);
            aDocs = List.of(split.armA());
            bDocs = List.of(split.armB());
            pinning = a.pinDir;
        } else {
            aDocs = read(a.rounds);
            bDocs = read(b.rounds);
            pinning = null;
        }
        for (Arm arm : List.of(a, b)) {
            JsonFiles.writeJson(arm.dir.resolve("jmh.json"), JmhJsonMerger.merge(arm == a ? aDocs : bDocs));
            // alternated forks ran in one JVM: the baseline's directory holds their hiccup logs
            // and pinning records, which stand for both arms
            Path hist = pinning != null ? a.dir.resolve("histograms") : arm.dir.resolve("histograms");
            RunEngine.writeHiccups(hist, List.of(), arm.dir, err);
            arm.telemetry.ifPresent(t -> {
                try (t) {
                    t.afterRun(arm.dir, clock.instant());
                } catch (RuntimeException e) {
                    err.println("warning: no redis-after.json for " + arm.role + ": " + e.getMessage());
                }
            });
            Manifest.Pinning p = PinningCheck.evaluate(pinning != null ? pinning : arm.pinDir, plan.cores());
            arm.manifestFile.finish(arm.manifest.withAbRounds(forks, order)
                    .finished(Manifest.Status.COMPLETE, Optional.empty(), clock.instant(), p));
        }
    }

    /** Marks both manifests ABORTED with the failure's message. */
    void abort(Exception e) {
        for (Arm arm : List.of(a, b)) {
            if (arm.manifest != null) {
                try {
                    arm.manifestFile.finish(arm.manifest.finished(Manifest.Status.ABORTED,
                            Optional.of(String.valueOf(e.getMessage())), clock.instant(),
                            PinningCheck.evaluate(arm.pinDir, plan.cores())));
                } catch (IOException ignored) {
                    // the manifest still says RUNNING, which no reader takes as complete
                }
            }
        }
    }

    void close() {
        for (Arm arm : List.of(a, b)) {
            if (arm.session != null) {
                arm.session.close();
            }
        }
    }

    private static List<JsonNode> read(List<Path> files) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (Path f : files) {
            out.add(JsonFiles.json().readTree(f.toFile()));
        }
        return out;
    }

    private static Run load(Path json) {
        return RunLoader.load(new RunLoader.RunFiles(json, Optional.empty(), Optional.empty()));
    }
}
