package dev.tailgate.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.compare.Design;
import dev.tailgate.compare.PairedRuns;
import dev.tailgate.compare.RunComparison;
import dev.tailgate.compareservice.CompareService;
import dev.tailgate.compareservice.LikeWithLike;
import dev.tailgate.ingest.OpenLoopHistograms;
import dev.tailgate.ingest.RunLoader;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.CorePlan;
import dev.tailgate.model.Run;
import dev.tailgate.model.TailHistogram;
import dev.tailgate.redis.Credentials;
import dev.tailgate.store.Manifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        final RunLifecycle life;
        final List<Path> rounds = new ArrayList<>();
        TargetSession session;

        Arm(String role, String letter, ArmSpec spec, Path dir, CorePlan cores, Clock clock, PrintWriter err)
                throws IOException {
            this.role = role;
            this.letter = letter;
            this.spec = spec;
            this.dir = Files.createDirectories(dir);
            this.pinDir = Files.createDirectories(dir.resolve("pinning"));
            Files.createDirectories(dir.resolve("histograms"));
            Files.createDirectories(dir.resolve("rounds"));
            this.life = new RunLifecycle(dir, pinDir, cores, role, clock, err);
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
        this.a = new Arm("baseline", "A", req.baseline(), req.resultsDir().resolve(abId + "-baseline"), plan.cores(),
                clock, err);
        this.b = new Arm("candidate", "B", req.candidate(), req.resultsDir().resolve(abId + "-candidate"),
                plan.cores(), clock, err);
    }

    /** Starts or connects both servers and writes both RUNNING manifests with their abort hooks. */
    void open(Set<LikeWithLike.Variable> declared) throws IOException {
        for (Arm arm : List.of(a, b)) {
            arm.session = AbEngine.open(arm.spec, arm.dir, creds, plan.cores(), plan.benchmarks(), req.topology());
            PinningCheck.recordServer(arm.session, plan.cores(), arm.pinDir);
            err.println(arm.letter + " (" + arm.role + ", " + arm.spec.text() + "): " + arm.session.banner());
        }
        err.println("cores: " + RunEngine.describe(plan.cores()));
        for (Arm arm : List.of(a, b)) {
            Arm other = arm == a ? b : a;
            List<String> props = new ArrayList<>(RunEngine.forkProperties(arm.session, plan.cores(), arm.pinDir,
                    arm.dir.resolve("histograms"), plan.keyTtl()));
            props.addAll(arm.spec.forks(plan.fork()).forkProperties());
            props.addAll(PairedFork.injectionProperties(arm.spec.injection()));
            Manifest.AbInfo ab = new Manifest.AbInfo(abId, arm.role, arm.spec.text(),
                    declared.stream().map(Enum::name).sorted().toList(), List.of(), other.dir.getFileName().toString());
            Manifest running = RunLifecycle.running(arm.dir.getFileName().toString(), req.suite(),
                    req.command(), plan.job(0, props, arm.dir.resolve("jmh.json")).settings(), arm.session,
                    plan.cores(), clock);
            arm.life.start(running.withAb(Optional.of(ab)).withInjection(arm.spec.injection())
                    .withFork(arm.spec.forks(plan.fork()))
                    .withDesign(Optional.of(plan.design() == Design.PAIRED_ITERATION_ROUNDS
                            ? Manifest.Design.pairedIterations(PairedFork.COUNTERBALANCED, arm.letter)
                            : Manifest.Design.pairedForks(arm.letter))), "interrupted before the A/B finished");
            arm.life.openTelemetry(arm.session);
        }
    }

    /** Every round measured so far, per benchmark, for the paired statistics. */
    PairedRuns.Result rounds() throws IOException {
        if (plan.design() == Design.PAIRED_ITERATION_ROUNDS) {
            Path all = a.dir.resolve("rounds").resolve("alternated.json");
            JsonFiles.writeJson(all, JmhJsonMerger.merge(read(alternated)));
            return PairedRuns.iterationRounds(load(all), true, true);
        }
        List<Run> base = new ArrayList<>();
        List<Run> cand = new ArrayList<>();
        for (Path p : a.rounds) {
            base.add(load(p));
        }
        for (Path p : b.rounds) {
            cand.add(load(p));
        }
        return PairedRuns.forkRounds(base, openLoop(a, base), cand, openLoop(b, cand));
    }

    /** Each round's fixed-rate response histograms: the .hlog files its fork wrote to histograms/fork<r>/. */
    private static List<Map<BenchmarkId, RunComparison.OpenLoopArm>> openLoop(Arm arm, List<Run> rounds) {
        List<Map<BenchmarkId, RunComparison.OpenLoopArm>> out = new ArrayList<>();
        for (int r = 0; r < rounds.size(); r++) {
            Path root = arm.dir.resolve(OpenLoopHistograms.DIR).resolve("fork" + (r + 1));
            out.add(CompareService.openLoop(OpenLoopHistograms.perFork(arm.dir, root, rounds.get(r).results(),
                    TailHistogram.DEFAULT_TAG)));
        }
        return out;
    }

    /** Writes each arm's jmh.json, hiccups, telemetry and its COMPLETE manifest. */
    void finish(List<String> order, int forks) throws IOException {
        List<JsonNode> aDocs;
        List<JsonNode> bDocs;
        boolean alternatedForks = plan.design() == Design.PAIRED_ITERATION_ROUNDS;
        if (alternatedForks) {
            PairedSplit.Result split = PairedSplit.split(a.dir.resolve("rounds").resolve("alternated.json").toString(),
                    JmhJsonMerger.merge(read(alternated)), PairedFork.DEFAULT_PATTERN, true);
            aDocs = List.of(split.armA());
            bDocs = List.of(split.armB());
        } else {
            aDocs = read(a.rounds);
            bDocs = read(b.rounds);
        }
        for (Arm arm : List.of(a, b)) {
            JsonFiles.writeJson(arm.dir.resolve("jmh.json"), JmhJsonMerger.merge(arm == a ? aDocs : bDocs));
            // alternated forks ran in one JVM: the baseline's directory holds their hiccup logs
            // and pinning records, which stand for both arms
            Path hist = alternatedForks ? a.dir.resolve("histograms") : arm.dir.resolve("histograms");
            arm.life.writeHiccups(hist, List.of());
            arm.life.closeTelemetry();
            Manifest.Pinning p = (alternatedForks ? a : arm).life.pinning();
            arm.life.complete(p, m -> m.withAbRounds(forks, order));
        }
    }

    /** Marks both manifests ABORTED with the failure's message. */
    void abort(Exception e) {
        for (Arm arm : List.of(a, b)) {
            try {
                arm.life.abort(String.valueOf(e.getMessage()));
            } catch (IOException ignored) {
                // the manifest still says RUNNING, which no reader takes as complete
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
