package dev.tailgate.compareservice;

import dev.tailgate.compare.CompareConfig;
import dev.tailgate.compare.Comparison;
import dev.tailgate.compare.Margins;
import dev.tailgate.compare.RegressionMargins;
import dev.tailgate.compare.RunComparison;
import dev.tailgate.fingerprint.Drift;
import dev.tailgate.fingerprint.DriftCheck;
import dev.tailgate.fingerprint.Fingerprint;
import dev.tailgate.fingerprint.FingerprintJson;
import dev.tailgate.ingest.InjectionMark;
import dev.tailgate.ingest.OpenLoopHistograms;
import dev.tailgate.ingest.RunLoader;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.Run;
import dev.tailgate.model.RunStatus;
import dev.tailgate.model.TailHistogram;
import dev.tailgate.report.ComparisonHtmlWriter;
import dev.tailgate.report.ComparisonWriters;
import dev.tailgate.report.ProfileLinks;
import dev.tailgate.store.Manifest;
import dev.tailgate.store.RunRef;
import dev.tailgate.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code compare} at the edges: resolve both runs (paths or baseline names), refuse unlike
 * runs (manifests) and critical environment drift (fingerprints) unless allowed, run the pure
 * comparison, write the reports. The ledger entry is the caller's (it knows the flags and the
 * ledger file).
 */
public final class CompareService {

    /** What a comparison decided and where it came from, for reports and the ledger. */
    public record Outcome(Comparison comparison, Path outDir, List<Path> written, Map<String, Path> inputs,
                          Optional<Path> candidateManifest) {
    }

    /**
     * @param declared     what differs on purpose (from ab); empty for a plain compare
     * @param outDir       where reports go; empty = {@code <candidate run>/comparison/}
     */
    public record Request(String baseline, String candidate, Optional<Path> thresholds, long seed,
                          boolean allowMismatch, boolean allowDrift, Set<LikeWithLike.Variable> declared,
                          Optional<Path> outDir, Path resultsDir) {
        public Request {
            declared = Set.copyOf(declared);
        }
    }

    private CompareService() {
    }

    /**
     * The JMH JSON files {@code compare} will read for this request, for hashing ahead of time;
     * empty when a run cannot be resolved ({@link #compare} then reports why).
     */
    public static List<Path> jmhFiles(Request req) {
        try {
            RunStore store = new RunStore(req.resultsDir());
            return List.of(RunLoader.locate(store.resolve(req.baseline()).path()).jmhJson(),
                    RunLoader.locate(store.resolve(req.candidate()).path()).jmhJson());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The checks of a paired A/B ({@code ab}), computed from its rounds by the engine that ran
     * them; {@link #compare(Request, Optional)} reports them in place of the independent bootstrap.
     *
     * @param sequence how the A/B ran and why it stopped, for the reports' header
     */
    public record Paired(dev.tailgate.compare.Design design, List<dev.tailgate.compare.CheckResult> checks,
                         List<String> notes, List<String> sequence) {
        public Paired {
            checks = List.copyOf(checks);
            notes = List.copyOf(notes);
            sequence = List.copyOf(sequence);
        }
    }

    /** Two runs taken at different times: each arm resampled on its own. */
    public static Outcome compare(Request req) throws IOException {
        return compare(req, Optional.empty());
    }

    /** As {@link #compare(Request)}, with the checks of a paired A/B when {@code paired} is given. */
    public static Outcome compare(Request req, Optional<Paired> paired) throws IOException {
        RunStore store = new RunStore(req.resultsDir());
        RunRef b = store.resolve(req.baseline());
        RunRef c = store.resolve(req.candidate());
        RunLoader.RunFiles bf = RunLoader.locate(b.path());
        RunLoader.RunFiles cf = RunLoader.locate(c.path());
        Run base = RunLoader.load(bf);
        Run cand = RunLoader.load(cf);
        requireComplete(req.baseline(), base);
        requireComplete(req.candidate(), cand);
        Margins margins = req.thresholds().map(RegressionMargins::load).orElseGet(Margins::defaults);

        List<String> flags = new ArrayList<>();
        Optional<Manifest> bm = bf.manifest().map(CompareService::manifest);
        Optional<Manifest> cm = cf.manifest().map(CompareService::manifest);
        List<String> mismatches = likeWithLike(req, bm, cm);
        if (!mismatches.isEmpty()) {
            flags.add("allow-mismatch");
        }
        List<String> notes = new ArrayList<>(injectedNotes(bm, cm));
        List<String> drift = drift(req, bf, cf, notes);
        if (!drift.isEmpty()) {
            flags.add("allow-drift");
        }
        Map<BenchmarkId, OpenLoopHistograms.ForkLogs> bLogs = forkLogs(bf, base);
        Map<BenchmarkId, OpenLoopHistograms.ForkLogs> cLogs = forkLogs(cf, cand);
        CompareConfig config = CompareConfig.defaults(req.seed()).withMargins(margins);
        RunComparison.Result r = paired.isPresent()
                ? new RunComparison.Result(paired.get().checks(), paired.get().notes(), RunComparison.curves(base, cand))
                : RunComparison.compare(base, openLoop(bLogs), cand, openLoop(cLogs), config);
        List<dev.tailgate.compare.CheckResult> checks = paired.isPresent() ? r.checks()
                : dev.tailgate.compare.NotShown.independent(r.checks(), config);
        List<String> sequence = paired.map(Paired::sequence).orElse(List.of("design: independent runs, each arm "
                + "resampled on its own; drift of the host between the two runs is not removed (tailgate ab pairs them)"));
        Comparison comparison = new Comparison(label(b, req.baseline()), bm.map(Manifest::startedAt),
                label(c, req.candidate()), cm.map(Manifest::startedAt), req.seed(),
                req.declared().stream().map(Enum::name).sorted().toList(), req.allowMismatch() ? mismatches : List.of(),
                req.allowDrift() ? drift : List.of(), flags, checks, concat(notes, r.notes()), r.curves(),
                Comparison.decide(checks), paired.map(Paired::design).orElse(dev.tailgate.compare.Design.INDEPENDENT),
                req.thresholds().map(RegressionMargins::inconclusive).orElse(RegressionMargins.DEFAULT_INCONCLUSIVE),
                sequence);

        Path out = req.outDir().orElseGet(() -> cf.directory().map(d -> d.resolve("comparison"))
                .orElseGet(() -> cf.jmhJson().toAbsolutePath().getParent().resolve("comparison")));
        List<ProfileLinks.Link> profiles = new ArrayList<>();
        bf.directory().ifPresent(d -> profiles.addAll(ProfileLinks.scan(out, "baseline", d)));
        cf.directory().ifPresent(d -> profiles.addAll(ProfileLinks.scan(out, "candidate", d)));
        List<Path> written = writeReports(out, comparison, profiles);
        return new Outcome(comparison, out, written, inputs(req, bf, bLogs, cf, cLogs), cf.manifest());
    }

    /**
     * What differs between the runs' manifests beyond the declared variable (a missing manifest
     * included); refused unless {@code --allow-mismatch}.
     */
    private static List<String> likeWithLike(Request req, Optional<Manifest> bm, Optional<Manifest> cm) {
        List<String> mismatches = new ArrayList<>();
        if (bm.isPresent() && cm.isPresent()) {
            for (LikeWithLike.Mismatch m : LikeWithLike.check(bm.get(), cm.get(), req.declared())) {
                mismatches.add(m.toString());
            }
        } else {
            mismatches.add("manifest: " + (bm.isEmpty() ? "baseline" : "candidate")
                    + " has no manifest.json, so like-with-like cannot be checked");
        }
        if (!mismatches.isEmpty() && !req.allowMismatch()) {
            throw refusal(req, "they differ in more than the declared variable", mismatches, "--allow-mismatch");
        }
        return mismatches;
    }

    /**
     * Critical environment drift between the runs' fingerprints; refused unless
     * {@code --allow-drift}. Without both fingerprints nothing is checked and {@code notes} says so.
     */
    private static List<String> drift(Request req, RunLoader.RunFiles bf, RunLoader.RunFiles cf, List<String> notes) {
        Optional<Fingerprint> bfp = fingerprint(bf);
        Optional<Fingerprint> cfp = fingerprint(cf);
        if (bfp.isEmpty() || cfp.isEmpty()) {
            // Not a refusal (bare JMH files have none), but never silent: an unchecked
            // environment is part of what this verdict rests on.
            notes.add("environment drift not checked: " + (bfp.isEmpty() ? "baseline" : "candidate")
                    + " has no fingerprint.json");
            return List.of();
        }
        List<String> drift = new ArrayList<>();
        for (Drift.Difference d : DriftCheck.check(bfp.get(), cfp.get(), driftNames(req.declared()))) {
            drift.add(d.item() + ": " + d.baseline() + " -> " + d.current() + " (" + d.why() + ")");
        }
        if (!drift.isEmpty() && !req.allowDrift()) {
            throw refusal(req, "critical environment drift", drift, "--allow-drift");
        }
        return drift;
    }

    /** Refusing an unlike pair: the first reason, how many more, and the flag that compares anyway. */
    private static BadInputException refusal(Request req, String what, List<String> reasons, String flag) {
        return new BadInputException("refusing to compare " + req.baseline() + " with " + req.candidate() + ": "
                + what + ": " + reasons.get(0) + (reasons.size() > 1 ? " (and " + (reasons.size() - 1) + " more)" : "")
                + "; pass " + flag + " to compare anyway (recorded in the verdict and the ledger)");
    }

    /** comparison.json, junit.xml, report.md and report.html in {@code out}; the reports link {@code profiles}. */
    private static List<Path> writeReports(Path out, Comparison comparison, List<ProfileLinks.Link> profiles)
            throws IOException {
        Files.createDirectories(out);
        // The four renderings are independent and, for thousands of checks, take about a second
        // together: the HTML one (plots) on the second core while this thread does the rest.
        java.util.concurrent.CompletableFuture<String> html =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> ComparisonHtmlWriter.html(comparison));
        List<Path> written = new ArrayList<>();
        written.add(write(out.resolve("comparison.json"), ComparisonWriters.json(comparison)));
        written.add(write(out.resolve("junit.xml"), ComparisonWriters.junit(comparison)));
        written.add(write(out.resolve("report.md"), ComparisonWriters.markdown(comparison)
                + ProfileLinks.markdown(profiles)));
        written.add(write(out.resolve("report.html"),
                ProfileLinks.intoHtml(dev.tailgate.report.ReportFiles.joined(html), profiles)));
        return written;
    }

    /** Every file the decision read, by the name the ledger records it under. */
    private static Map<String, Path> inputs(Request req, RunLoader.RunFiles bf,
                                            Map<BenchmarkId, OpenLoopHistograms.ForkLogs> bLogs,
                                            RunLoader.RunFiles cf, Map<BenchmarkId, OpenLoopHistograms.ForkLogs> cLogs) {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("baseline/jmh.json", bf.jmhJson());
        bf.manifest().ifPresent(p -> inputs.put("baseline/manifest.json", p));
        hlogInputs(inputs, "baseline/", bf, bLogs);
        inputs.put("candidate/jmh.json", cf.jmhJson());
        cf.manifest().ifPresent(p -> inputs.put("candidate/manifest.json", p));
        hlogInputs(inputs, "candidate/", cf, cLogs);
        req.thresholds().ifPresent(t -> inputs.put("thresholds/" + t.getFileName(), t));
        return inputs;
    }

    /**
     * The fixed-rate benchmarks' response histograms of a run directory, one fork per
     * {@code .hlog} file and one iteration per interval; none for a bare JMH file.
     */
    static Map<BenchmarkId, OpenLoopHistograms.ForkLogs> forkLogs(RunLoader.RunFiles files, Run run) {
        return files.directory().map(d -> OpenLoopHistograms.perFork(d, run.results(), TailHistogram.DEFAULT_TAG))
                .orElse(Map.of());
    }

    public static Map<BenchmarkId, RunComparison.OpenLoopArm> openLoop(Map<BenchmarkId, OpenLoopHistograms.ForkLogs> logs) {
        Map<BenchmarkId, RunComparison.OpenLoopArm> out = new LinkedHashMap<>();
        logs.forEach((id, l) -> RunComparison.OpenLoopArm.of(l.source() + " (tag " + l.tag() + ")", l.intervals())
                .ifPresent(a -> out.put(id, a)));
        return out;
    }

    /** The .hlog files the decision read are inputs too: the ledger records their digests. */
    private static void hlogInputs(Map<String, Path> inputs, String prefix, RunLoader.RunFiles files,
                                   Map<BenchmarkId, OpenLoopHistograms.ForkLogs> logs) {
        files.directory().ifPresent(d -> logs.values().forEach(l -> l.files().forEach(f ->
                inputs.put(prefix + d.relativize(f).toString().replace('\\', '/'), f))));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * First in the notes: a side with an injected delay measured a known artificial
     * difference, which is what an injected A/B is for, but never a real one.
     */
    static List<String> injectedNotes(Optional<Manifest> baseline, Optional<Manifest> candidate) {
        List<String> out = new ArrayList<>();
        baseline.flatMap(Manifest::injection).ifPresent(i -> out.add("INJECTED: baseline is an " + InjectionMark.reason(i)));
        candidate.flatMap(Manifest::injection).ifPresent(i -> out.add("INJECTED: candidate is an " + InjectionMark.reason(i)));
        return out;
    }

    private static void requireComplete(String arg, Run run) {
        // a directory without a manifest is refused by the like-with-like check unless
        // --allow-mismatch says so (and the comparison records it)
        if (!run.complete() && run.status() != RunStatus.NO_MANIFEST) {
            throw new BadInputException(arg + ": " + run.problem() + ": an incomplete run is never compared");
        }
    }

    private static Manifest manifest(Path p) {
        try {
            return JsonFiles.json().readValue(p.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new BadInputException(p + ": not a tailgate manifest (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static Optional<Fingerprint> fingerprint(RunLoader.RunFiles f) {
        Optional<Path> fp = f.directory().map(d -> d.resolve(FingerprintJson.FILE_NAME)).filter(Files::isRegularFile);
        return fp.map(FingerprintJson::read);
    }

    /** The A/B variables in the drift checker's vocabulary. */
    static Set<String> driftNames(Set<LikeWithLike.Variable> declared) {
        Set<String> out = new LinkedHashSet<>();
        for (LikeWithLike.Variable v : declared) {
            switch (v) {
                case REDIS_PROFILE -> out.add("profile");
                case REDIS_BINARY -> {
                    out.add("redis-version");
                    out.add("redis-config");
                }
                case REDIS_TARGET -> out.add("redis");
                case PROTOCOL -> out.add("protocol");
                case INJECTION, JVM_ARGS -> {
                    // client side: no environment item differs because of it
                }
                default -> throw new IllegalStateException(v.name());
            }
        }
        return out;
    }

    private static String label(RunRef ref, String arg) {
        if (ref.kind() == RunRef.Kind.JMH_FILE) {
            return ref.path().toString();
        }
        return ref.baselineName().map(n -> "baseline " + n).orElse(ref.path().getFileName().toString());
    }

    private static Path write(Path p, String text) throws IOException {
        JsonFiles.writeString(p, text);
        return p;
    }
}
