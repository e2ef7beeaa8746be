package dev.tailgate.merge;

import dev.tailgate.fingerprint.Fingerprint;
import dev.tailgate.fingerprint.Item;
import dev.tailgate.model.BadInputException;
import dev.tailgate.store.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides whether run directories are the shards of one distributed run, measured like with
 * like, and whether their merge can be trusted. Pure: manifests and fingerprints in, a decision
 * out (docs/distributed.md lists the rules).
 *
 * <p>What may differ between shards: everything that says which host ran it (hostname, run id,
 * start and end times, the forks' -D properties such as CPUs and directories, pinning records,
 * and the fingerprint's host-tuning items such as IRQs, boot flags and steal time, all kept per
 * shard under {@code shards/}). What may not: the suite, the JMH settings and benchmark set, the
 * build, the client libraries, the JVM, the OS and CPU architecture and count, the CPU model and
 * kernel, and the Redis measured. A difference there means the shards measured different
 * things, and adding their histograms would mix them: bad input (exit 3) naming the shard.
 */
public final class ShardSet {

    /** One shard as read from its directory; {@code name} is how messages name it (its path). */
    public record Input(String name, Manifest manifest, Optional<Fingerprint> fingerprint) {
        public Input {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(manifest, "manifest");
        }

        int index() {
            return manifest.distributed().flatMap(Manifest.Distributed::shard).orElseThrow();
        }
    }

    /**
     * @param shards   the inputs in shard order
     * @param problems why the merge cannot be trusted (a missing shard, a shard not COMPLETE);
     *                 empty = the merged run is COMPLETE, else it is INVALID
     * @param runId    the distributed run's id
     * @param count    N
     */
    public record Decision(List<Input> shards, List<String> problems, String runId, int count) {
        public Decision {
            shards = List.copyOf(shards);
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private ShardSet() {
    }

    public static Decision decide(List<Input> inputs) {
        if (inputs.isEmpty()) {
            throw new BadInputException("merge: no shard given, expected one or more run directories");
        }
        Input first = inputs.get(0);
        Manifest.Distributed d = distributed(first);
        Map<Integer, Input> byIndex = new TreeMap<>();
        for (Input in : inputs) {
            Manifest.Distributed di = distributed(in);
            if (!di.runId().equals(d.runId())) {
                throw new BadInputException(in.name() + ": shard of distributed run " + di.runId() + ", not "
                        + d.runId() + " like " + first.name());
            }
            if (di.count() != d.count()) {
                throw new BadInputException(in.name() + ": shard " + in.index() + "/" + di.count() + ", but "
                        + first.name() + " is one of " + d.count());
            }
            likeWithLike(first, in);
            Input dup = byIndex.putIfAbsent(in.index(), in);
            if (dup != null) {
                throw new BadInputException(in.name() + ": shard " + in.index() + "/" + d.count() + " given twice (also "
                        + dup.name() + ")");
            }
        }
        List<String> problems = new ArrayList<>();
        for (int i = 1; i <= d.count(); i++) {
            Input in = byIndex.get(i);
            if (in == null) {
                problems.add("shard " + i + "/" + d.count() + " missing");
            } else if (in.manifest().status() != Manifest.Status.COMPLETE) {
                problems.add("shard " + i + "/" + d.count() + " (" + in.name() + ") is " + in.manifest().status()
                        + in.manifest().abortReason().map(r -> ": " + r).orElse(""));
            }
        }
        return new Decision(new ArrayList<>(byIndex.values()), problems, d.runId(), d.count());
    }

    private static Manifest.Distributed distributed(Input in) {
        Manifest.Distributed d = in.manifest().distributed().orElseThrow(() -> new BadInputException(
                in.name() + ": not a shard of a distributed run (its manifest records no --shard)"));
        if (d.shard().isEmpty()) {
            throw new BadInputException(in.name() + ": a merged run, not a shard (merge the shards themselves)");
        }
        return d;
    }

    /** Throws naming {@code b} and the first item in which it differs from {@code a}. */
    static void likeWithLike(Input a, Input b) {
        Map<String, String> ia = items(a);
        Map<String, String> ib = items(b);
        for (Map.Entry<String, String> e : ia.entrySet()) {
            if (!ib.containsKey(e.getKey())) {
                continue; // a fingerprint item, and b has no fingerprint.json: nothing to compare
            }
            String other = ib.get(e.getKey());
            if (!Objects.equals(e.getValue(), other)) {
                throw new BadInputException(b.name() + ": " + e.getKey() + " " + other + ", not " + e.getValue()
                        + " like " + a.name() + ": shards must measure the same thing");
            }
        }
    }

    /** What must be equal across shards, by name; fingerprint items only when both shards have one. */
    static Map<String, String> items(Input in) {
        Manifest m = in.manifest();
        Manifest.JmhSettings j = m.jmh();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("suite", m.suite());
        out.put("benchmark set", new TreeSet<>(j.benchmarks()).toString());
        out.put("JMH params", new TreeMap<>(j.params()).toString());
        out.put("JMH forks", String.valueOf(j.forks()));
        out.put("JMH warmup", j.warmupIterations() + " x " + j.warmupTime());
        out.put("JMH measurement", j.iterations() + " x " + j.iterationTime());
        out.put("JMH version", j.jmhVersion());
        out.put("build", m.suiteGitSha().orElse("unknown"));
        out.put("client libraries", new TreeMap<>(m.dependencies()).toString());
        out.put("JVM", m.host().javaVendor() + " " + m.host().javaVersion());
        out.put("machine", m.host().os() + " " + m.host().arch() + " " + m.host().availableProcessors() + " cpus");
        out.put("redis mode", m.redis().mode());
        out.put("redis version", m.redis().version());
        out.put("redis", "external".equals(m.redis().mode()) ? m.redis().url() : m.redis().profileSha256().orElse("-"));
        out.put("injection", m.injection().map(Object::toString).orElse("none"));
        out.put("fork protocol", m.forkOptions().protocol());
        out.put("fork JVM options", String.join(" ", m.forkOptions().jvmArgs()));
        out.put("profilers", String.join(" ", m.forkOptions().profilers()));
        out.put("floor I/O", m.forkOptions().floorIo());
        out.put("suite file settings", m.suiteFile().map(Manifest.SuiteFile::settingsSha256).orElse("-"));
        out.put("redis transport", m.redis().transportKind());
        in.fingerprint().ifPresent(f -> {
            out.put("kernel", display(f.os().kernel()));
            out.put("CPU model", display(f.cpu().model()));
            out.put("JVM (fingerprint)", display(f.jvm().version()));
            out.put("client protocol", display(f.clients().protocol()));
            out.put("redis config", display(f.redis().configHash()));
        });
        return out;
    }

    private static String display(Item i) {
        return i.display();
    }
}
