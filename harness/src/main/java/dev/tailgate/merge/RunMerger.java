package dev.tailgate.merge;

import dev.tailgate.fingerprint.Fingerprint;
import dev.tailgate.fingerprint.FingerprintJson;
import dev.tailgate.ingest.OpenLoopHistograms;
import dev.tailgate.ingest.RunLoader;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.store.Manifest;
import dev.tailgate.store.Trees;
import dev.tailgate.summary.Summaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * {@code tailgate merge}: reads the shards' run directories, checks them ({@link ShardSet}),
 * and writes one run directory that every other command reads as a run: {@code manifest.json}
 * ({@link MergedManifest}), {@code jmh.json} ({@link ShardJsonMerger}), {@code histograms/}
 * ({@link HlogMerger}), the first shard's {@code fingerprint.json}, and each shard's own
 * evidence (manifest, fingerprint, Redis telemetry, hiccups) under {@code shards/shard-<i>/}.
 * Everything is written into a temporary sibling directory that is renamed to {@code out} at
 * the end, so a reader never sees half a merged run, and an existing {@code out} is never
 * replaced.
 */
public final class RunMerger {
    /** Per-shard evidence kept as it is: it describes one host (or one window of the server). */
    static final List<String> SHARD_FILES = List.of(RunLoader.MANIFEST, FingerprintJson.FILE_NAME, "redis-before.json",
            "redis-after.json", "redis-diff.json", "hiccups.json");
    public static final String SHARDS_DIR = "shards";

    /** What was written: the directory and its manifest (status COMPLETE or INVALID). */
    public record Result(Path dir, Manifest manifest, ShardSet.Decision decision) {
    }

    private RunMerger() {
    }

    public static Result merge(List<Path> shardDirs, Path out, List<String> command, Instant now) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new BadInputException(out + ": exists; merge writes a new run directory and never overwrites one");
        }
        List<ShardSet.Input> inputs = new ArrayList<>();
        for (Path dir : shardDirs) {
            inputs.add(read(dir));
        }
        ShardSet.Decision d = ShardSet.decide(inputs);
        Path parent = Files.createDirectories(target.getParent());
        Path tmp = parent.resolve("." + target.getFileName() + ".merging-" + random());
        Files.createDirectory(tmp);
        try {
            Manifest m = MergedManifest.of(d, target.getFileName().toString(), command, now);
            write(d, tmp);
            JsonFiles.writeJson(tmp.resolve(RunLoader.MANIFEST), m);
            if (Files.exists(target)) {
                throw new BadInputException(out + ": appeared while merging; merge never overwrites a run directory");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            summarise(target);
            return new Result(target, m, d);
        } finally {
            if (Files.exists(tmp)) {
                Trees.delete(tmp);
            }
        }
    }

    /**
     * The merged run's summary.json, as a finished run has one (docs/history.md). Written after
     * the rename, so that it names the run by its directory; if the merged results cannot be
     * summarised, history and export derive it again and say why there.
     */
    private static void summarise(Path dir) {
        try {
            Summaries.load(dir);
        } catch (RuntimeException e) {
            // the run directory is the source of truth and is complete without it
        }
    }

    private static ShardSet.Input read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": not a directory, expected a shard's run directory");
        }
        Path manifest = dir.resolve(RunLoader.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new BadInputException(dir + ": no " + RunLoader.MANIFEST + ", expected a shard's run directory");
        }
        Manifest m;
        try {
            m = JsonFiles.json().readValue(manifest.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new BadInputException(manifest + ": not a tailgate manifest (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        Optional<Fingerprint> f = Files.isRegularFile(dir.resolve(FingerprintJson.FILE_NAME))
                ? Optional.of(FingerprintJson.read(dir)) : Optional.empty();
        return new ShardSet.Input(dir.toString(), m, f);
    }

    private static void write(ShardSet.Decision d, Path tmp) throws IOException {
        List<Path> results = new ArrayList<>();
        for (ShardSet.Input in : d.shards()) {
            Path json = Path.of(in.name()).resolve(RunLoader.JMH_JSON);
            if (Files.isRegularFile(json)) {
                results.add(json);
            } else if (in.manifest().status() == Manifest.Status.COMPLETE) {
                throw new BadInputException(in.name() + ": says COMPLETE but has no " + RunLoader.JMH_JSON);
            }
        }
        // The logs and jmh.json are independent: the logs are added on a thread of their own while
        // this one merges jmh.json, then this one takes the logs left (two threads whatever the
        // host has; each log is a job of its own, so neither thread idles while the other works).
        HlogJobs jobs = new HlogJobs(histogramJobs(d, tmp.resolve(OpenLoopHistograms.DIR)));
        FutureTask<Void> logs = new FutureTask<>(() -> {
            jobs.drain();
            return null;
        });
        Thread t = new Thread(logs, "tailgate-merge-hlog");
        t.setDaemon(true);
        t.start();
        try {
            ShardStreams.write(results, tmp.resolve(RunLoader.JMH_JSON));
            jobs.drain();
        } catch (IOException | RuntimeException e) {
            // the temporary directory is deleted next: the log thread must be done writing into it
            jobs.stop();
            joinQuietly(t);
            throw e;
        }
        await(logs);
        Path first = Path.of(d.shards().get(0).name());
        if (Files.isRegularFile(first.resolve(FingerprintJson.FILE_NAME))) {
            Files.copy(first.resolve(FingerprintJson.FILE_NAME), tmp.resolve(FingerprintJson.FILE_NAME));
        }
        for (ShardSet.Input in : d.shards()) {
            Path own = Files.createDirectories(tmp.resolve(SHARDS_DIR).resolve("shard-" + in.index()));
            for (String f : SHARD_FILES) {
                Path src = Path.of(in.name()).resolve(f);
                if (Files.isRegularFile(src)) {
                    Files.copy(src, own.resolve(f));
                }
            }
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for {@code task} and throws what it threw. */
    private static void await(FutureTask<Void> task) throws IOException {
        try {
            task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("merge interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Every log path under any shard's histograms/, to be merged from the shards that have it. */
    private static List<HlogJobs.Job> histogramJobs(ShardSet.Decision d, Path outDir) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (ShardSet.Input in : d.shards()) {
            Path root = Path.of(in.name()).resolve(OpenLoopHistograms.DIR);
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.walk(root)) {
                    s.filter(p -> p.getFileName().toString().endsWith(".hlog") && Files.isRegularFile(p))
                            .forEach(p -> names.add(root.relativize(p).toString()));
                }
            }
        }
        List<HlogJobs.Job> jobs = new ArrayList<>();
        for (String name : names) {
            List<Path> logs = new ArrayList<>();
            List<String> from = new ArrayList<>();
            for (ShardSet.Input in : d.shards()) {
                Path p = Path.of(in.name()).resolve(OpenLoopHistograms.DIR).resolve(name);
                if (Files.isRegularFile(p)) {
                    logs.add(p);
                    from.add(String.valueOf(in.index()));
                }
            }
            jobs.add(new HlogJobs.Job(logs, outDir.resolve(name), "tailgate merge of " + d.runId() + ": " + name
                    + " from shards " + String.join(",", from) + " of " + d.count() + "; counts added per interval"));
        }
        return jobs;
    }

    private static String random() {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
