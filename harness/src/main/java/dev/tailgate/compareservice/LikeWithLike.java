package dev.tailgate.compareservice;

import dev.tailgate.model.ForkOptions;
import dev.tailgate.store.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Refuses to compare runs that differ in anything but the declared variable. Two runs taken
 * with different benchmark sets, JMH settings, pinning outcomes or machines measure different
 * things; a ratio between them would be reported with a confidence it does not have.
 *
 * <p>Pure: manifests in, differences out. The caller turns a non-empty list into a bad-input
 * refusal unless --allow-mismatch was given, in which case the list goes into the verdict and
 * the ledger.
 */
public final class LikeWithLike {

    /**
     * What an A/B may declare as its one variable. INJECTION (an injected delay, client side)
     * changes nothing this class or the drift check compares: it is declared so that an A/B
     * whose arms differ only by it is not taken for an A/A. PROTOCOL and JVM_ARGS are the
     * client side's: an arm's {@code protocol:} or {@code jvm:}.
     */
    public enum Variable { REDIS_PROFILE, REDIS_BINARY, REDIS_TARGET, INJECTION, PROTOCOL, JVM_ARGS }

    /** One difference: which item, baseline value, candidate value. */
    public record Mismatch(String item, String baseline, String candidate) {
        @Override
        public String toString() {
            return item + ": baseline " + baseline + ", candidate " + candidate;
        }
    }

    private LikeWithLike() {
    }

    public static List<Mismatch> check(Manifest a, Manifest b, Set<Variable> declared) {
        List<Mismatch> out = new ArrayList<>();
        Manifest.JmhSettings ja = a.jmh();
        Manifest.JmhSettings jb = b.jmh();
        diff(out, "benchmark set", sortedCopy(ja.benchmarks()), sortedCopy(jb.benchmarks()));
        diff(out, "JMH params", new java.util.TreeMap<>(ja.params()), new java.util.TreeMap<>(jb.params()));
        diff(out, "JMH forks", ja.forks(), jb.forks());
        diff(out, "JMH warmup", ja.warmupIterations() + " x " + ja.warmupTime(), jb.warmupIterations() + " x " + jb.warmupTime());
        diff(out, "JMH measurement", ja.iterations() + " x " + ja.iterationTime(), jb.iterations() + " x " + jb.iterationTime());
        diff(out, "JMH version", ja.jmhVersion(), jb.jmhVersion());
        diff(out, "pinning outcome", a.pinning().outcome(), b.pinning().outcome());
        diff(out, "core plan", plan(a), plan(b));
        diff(out, "machine", machine(a), machine(b));
        diff(out, "JVM", a.host().javaVendor() + " " + a.host().javaVersion(), b.host().javaVendor() + " " + b.host().javaVersion());
        diff(out, "client libraries", a.dependencies(), b.dependencies());
        forks(out, a.forkOptions(), b.forkOptions(), declared);
        if (a.suiteFile().isPresent() && b.suiteFile().isPresent()
                && !a.suiteFile().get().settingsSha256().equals(b.suiteFile().get().settingsSha256())) {
            out.add(new Mismatch("suite settings", suiteSettings(a), suiteSettings(b)));
        }
        Manifest.RedisInfo ra = a.redis();
        Manifest.RedisInfo rb = b.redis();
        if (!declared.contains(Variable.REDIS_TARGET)) {
            diff(out, "redis mode", ra.mode(), rb.mode());
        }
        // TCP, TLS and a Unix socket are different round trips: even a declared target change
        // does not make them comparable, only --allow-mismatch does (docs/targets.md)
        diff(out, "redis transport", transport(ra), transport(rb));
        // one server and a cluster (or clusters of other sizes) route every call differently
        diff(out, "redis topology", ra.topology(), rb.topology());
        if (!declared.contains(Variable.REDIS_BINARY) && !declared.contains(Variable.REDIS_TARGET)) {
            diff(out, "redis version", ra.version(), rb.version());
            diff(out, "redis binary", ra.binary().orElse("-"), rb.binary().orElse("-"));
        }
        if (!declared.contains(Variable.REDIS_PROFILE) && !declared.contains(Variable.REDIS_TARGET)) {
            diff(out, "redis profile", ra.profileSha256().orElse("-"), rb.profileSha256().orElse("-"));
        }
        return out;
    }

    /**
     * The forks' own options. A profiler is never an A/B variable: it perturbs the code it
     * observes, so a profiled run compares only with a run under the same profilers.
     */
    private static void forks(List<Mismatch> out, ForkOptions a, ForkOptions b, Set<Variable> declared) {
        if (!declared.contains(Variable.PROTOCOL)) {
            diff(out, "protocol", a.protocol(), b.protocol());
        }
        if (!declared.contains(Variable.JVM_ARGS)) {
            // the floor's and raw RESP's I/O moves both by microseconds; it is a JVM option of the
            // forks, declared with them, but also differs when only the default did (issue 16).
            // First, as the consequence the one-line refusal should name.
            diff(out, "floor I/O", a.floorIo(), b.floorIo());
            diff(out, "fork JVM options", words(a.jvmArgs()), words(b.jvmArgs()));
        }
        diff(out, "profilers", words(a.profilers()), words(b.profilers()));
    }

    private static String words(List<String> l) {
        return l.isEmpty() ? "none" : String.join(" ", l);
    }

    private static String transport(Manifest.RedisInfo r) {
        return r.transportKind() + r.transport().flatMap(Manifest.Transport::tlsVerify).map(v -> " " + v).orElse("");
    }

    private static List<String> sortedCopy(List<String> l) {
        return l.stream().sorted().toList();
    }

    /**
     * One side of a "suite settings" mismatch. Runs are unlike when their suite files' settings
     * digests differ, not their content hashes: an edit to a comment or the description changes
     * the file's bytes but nothing any run measures, and must not make last week's baseline
     * unlike tonight's run. Manifests from before suite files record none; their JMH settings
     * are still compared above.
     */
    private static String suiteSettings(Manifest m) {
        Manifest.SuiteFile f = m.suiteFile().orElseThrow();
        return m.suite() + " " + f.settingsSha256().substring(0, 12) + " (" + f.source() + ", file sha256 "
                + f.sha256().substring(0, 12) + ")";
    }

    private static String plan(Manifest m) {
        return m.corePlan().pin() + " server=" + m.corePlan().serverCpu().map(String::valueOf).orElse("-")
                + " clients=" + m.corePlan().clientCpus();
    }

    private static String machine(Manifest m) {
        return m.host().hostname() + " " + m.host().os() + " " + m.host().arch() + " " + m.host().availableProcessors() + " cpus";
    }

    private static void diff(List<Mismatch> out, String item, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(new Mismatch(item, String.valueOf(a), String.valueOf(b)));
        }
    }
}
