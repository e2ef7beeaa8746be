package dev.tailgate.run;

import dev.tailgate.fingerprint.Fingerprint;
import dev.tailgate.fingerprint.FingerprintCapture;
import dev.tailgate.fingerprint.FingerprintJson;
import dev.tailgate.fingerprint.RedisSource;
import dev.tailgate.model.CorePlan;
import dev.tailgate.model.HiccupSummary;
import dev.tailgate.model.SummaryRow;
import dev.tailgate.redis.telemetry.Telemetry;
import dev.tailgate.redis.telemetry.TelemetryDiff;
import dev.tailgate.store.Manifest;
import dev.tailgate.summary.Summaries;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One run directory from start to end, for {@code run} and for each arm of {@code ab}: its
 * manifest goes RUNNING, then COMPLETE or ABORTED with a reason, written only here; a Ctrl-C or
 * SIGTERM before the end marks it ABORTED through a shutdown hook; and the evidence beside the
 * measurement (redis-before/after.json, hiccups.json, fingerprint.json) is written here too.
 * Evidence is not the measurement: a piece that cannot be taken is reported on {@code err} and
 * leaves the run as it is.
 */
final class RunLifecycle {
    private final Path dir;
    private final Path pinDir;
    private final CorePlan cores;
    private final String what;
    private final Clock clock;
    private final PrintWriter err;
    private final ManifestFile file;
    private Manifest manifest;
    private Optional<Telemetry> telemetry = Optional.empty();
    private Optional<NodeTelemetry> nodeTelemetry = Optional.empty();

    /**
     * @param dir    the run directory
     * @param pinDir where the forks' pinning records land, read when the run ends
     * @param what   the run in warnings ("this run", "baseline")
     */
    RunLifecycle(Path dir, Path pinDir, CorePlan cores, String what, Clock clock, PrintWriter err) {
        this.dir = dir;
        this.pinDir = pinDir;
        this.cores = cores;
        this.what = what;
        this.clock = clock;
        this.err = err;
        this.file = new ManifestFile(dir.resolve("manifest.json"));
    }

    /**
     * The RUNNING manifest of a run that measures with {@code jmh} against {@code session}: the
     * one place a manifest is made. Pinning is UNKNOWN until the forks have reported.
     */
    static Manifest running(String runId, Suite suite, List<String> command, Manifest.JmhSettings jmh,
                            TargetSession session, CorePlan cores, Clock clock) {
        return new Manifest(Manifest.SCHEMA, runId, suite.name(), Manifest.Status.RUNNING, Optional.empty(), clock.instant(),
                Optional.empty(), command, jmh, BuildInfo.gitSha(BuildInfo.home()), BuildInfo.dependencyVersions(),
                session.describe(), cores, new Manifest.Pinning("UNKNOWN", "not yet run", List.of()),
                Manifest.HostInfo.current(), Optional.empty()).withSuiteFile(Optional.of(
                new Manifest.SuiteFile(suite.source(), suite.sha256(), suite.settingsSha256())));
    }

    /** Writes {@code running} and arms the hook that marks it ABORTED with {@code interrupted} on exit. */
    void start(Manifest running, String interrupted) throws IOException {
        manifest = running;
        file.write(running);
        file.abortOnExit(() -> ended(Manifest.Status.ABORTED, Optional.of(interrupted), pinning()));
    }

    /** The manifest as written last by this lifecycle (RUNNING until the run ends). */
    Manifest manifest() {
        return manifest;
    }

    /**
     * Marks the run COMPLETE with {@code pinning}, after {@code last} has added what is known
     * only at the end. False if the shutdown hook marked it ABORTED first, which then stays.
     */
    boolean complete(Manifest.Pinning pinning, UnaryOperator<Manifest> last) throws IOException {
        Manifest done = last.apply(manifest).finished(Manifest.Status.COMPLETE, Optional.empty(), clock.instant(),
                pinning);
        if (!file.finish(done)) {
            return false;
        }
        manifest = done;
        writeSummary();
        return true;
    }

    /** summary.json, what {@code history} reads of a run (docs/history.md); derived again if missing. */
    private void writeSummary() {
        try {
            Summaries.write(dir, Summaries.derive(dir));
        } catch (RuntimeException e) {
            err.println("warning: no summary.json for " + what + ": " + e.getMessage());
        }
    }

    /** Marks the run ABORTED with {@code reason}; a run that already ended keeps its status. */
    void abort(String reason) throws IOException {
        if (manifest != null) {
            file.finish(ended(Manifest.Status.ABORTED, Optional.of(reason), pinning()));
        }
    }

    /** The pinning outcome from what the forks reported so far. */
    Manifest.Pinning pinning() {
        return PinningCheck.evaluate(pinDir, cores);
    }

    private Manifest ended(Manifest.Status status, Optional<String> reason, Manifest.Pinning pinning) {
        return manifest.finished(status, reason, clock.instant(), pinning);
    }

    /**
     * redis-before.json. If the target refuses INFO/CONFIG (an ACL-limited user), the run goes on
     * without telemetry and says so.
     */
    void openTelemetry(TargetSession session) {
        if (session.target().isCluster()) {
            try {
                nodeTelemetry = Optional.of(NodeTelemetry.before(session, dir, clock.instant()));
            } catch (RuntimeException e) {
                err.println("warning: no per-node Redis telemetry for " + what + ": " + e.getMessage());
            }
            return;
        }
        try {
            Telemetry t = Telemetry.connect(session.target(), session.credentials(), Duration.ofSeconds(5));
            t.beforeRun(dir, clock.instant());
            telemetry = Optional.of(t);
        } catch (RuntimeException e) {
            err.println("warning: no Redis telemetry for " + what + ": " + e.getMessage());
        }
    }

    /** redis-after.json and the difference to redis-before.json; empty without telemetry. */
    Optional<TelemetryDiff> closeTelemetry() {
        if (nodeTelemetry.isPresent()) {
            try (NodeTelemetry t = nodeTelemetry.get()) {
                t.after(clock.instant());
            } catch (RuntimeException e) {
                err.println("warning: no per-node redis-after.json for " + what + ": " + e.getMessage());
            } finally {
                nodeTelemetry = Optional.empty();
            }
            return Optional.empty();
        }
        if (telemetry.isEmpty()) {
            return Optional.empty();
        }
        try (Telemetry t = telemetry.get()) {
            return Optional.of(t.afterRun(dir, clock.instant()));
        } catch (RuntimeException e) {
            err.println("warning: no redis-after.json for " + what + ": " + e.getMessage());
            return Optional.empty();
        } finally {
            telemetry = Optional.empty();
        }
    }

    /**
     * hiccups.json: the host's own stalls beside each benchmark, from the hiccup logs in
     * {@code histDir}; {@code rows} give each benchmark's p99.9.
     */
    List<HiccupSummary> writeHiccups(Path histDir, List<SummaryRow> rows) {
        try {
            List<HiccupSummary> h = Hiccups.collect(histDir, rows);
            Hiccups.write(dir, h);
            return h;
        } catch (IOException | RuntimeException e) {
            err.println("warning: no hiccups.json for " + what + ": " + e.getMessage());
            return List.of();
        }
    }

    /** fingerprint.json: the environment the run happened in, taken right after it. */
    void writeFingerprint(TargetSession session, Manifest.Pinning pinning) {
        try {
            RedisSource source = session.embeddedServer().map(RedisSource::of)
                    .orElseGet(() -> new RedisSource(session.target(), session.credentials(), Optional.empty()));
            Fingerprint f = FingerprintCapture.capture(Optional.of(source), new FingerprintCapture.Options(
                    FingerprintCapture.Options.cores(cores), Optional.of(manifest.forkOptions().protocol()),
                    Optional.of(pinning.outcome())),
                    clock.instant());
            FingerprintJson.write(f, dir.resolve("fingerprint.json"));
        } catch (IOException | RuntimeException e) {
            err.println("warning: no fingerprint.json for " + what + ": " + e.getMessage());
        }
    }
}
