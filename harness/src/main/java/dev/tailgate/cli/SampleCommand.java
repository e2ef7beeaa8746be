package dev.tailgate.cli;

import dev.tailgate.bench.support.AllowedCpus;
import dev.tailgate.model.TailState;
import dev.tailgate.model.UsageException;
import dev.tailgate.redis.ClusterMasters;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.sample.ClusterTail;
import dev.tailgate.sample.TailSampler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code tailgate sample}: a long-running fixed-rate P99.9 sampler against a live Redis. Thin:
 * parses, resolves the password, installs the SIGINT/SIGTERM hook, hands off to {@link TailSampler}.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Fixed-rate (open-loop) tail sampler against a live Redis: one line per interval,",
            "an HdrHistogram interval log and a tail-state.json the gate can judge.",
            "A redis-cluster:// target: every master side by side, each at --rate, in redis-nodes/<host>_<port>/,",
            "and the cluster-wide log and tail-state.json (the masters' intervals added) where one server's go.",
            "Ctrl-C / SIGTERM stop it cleanly with every interval kept."})
public final class SampleCommand implements Callable<Integer> {
    @CommandLine.Mixin
    TargetOptions target = new TargetOptions();

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "N", description = "requests per second (default ${DEFAULT-VALUE})")
    long rate;

    @Option(names = "--duration", required = true, paramLabel = "D",
            description = "how long to run, e.g. 30s, 15m, 24h")
    Duration duration;

    @Option(names = "--interval", defaultValue = "10s", paramLabel = "D",
            description = "one line and one log interval per D (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--window", defaultValue = "60s", paramLabel = "D",
            description = "rolling window summarised in tail-state.json (default ${DEFAULT-VALUE})")
    Duration window;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default results/sample-<time>)")
    Optional<Path> out;

    @Option(names = "--max-slip", defaultValue = "100us", paramLabel = "D",
            description = "p99 schedule slip above this marks a summary invalid (default ${DEFAULT-VALUE})")
    Duration maxSlip;

    @Option(names = "--no-pin", description = "do not pin the sending thread")
    boolean noPin;

    @Option(names = "--cpu", paramLabel = "LIST", description = "CPU(s) for the sending thread, e.g. 1")
    Optional<String> cpu;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RedisTarget t = target.requireTarget("sample");
        if (rate <= 0 || rate > 1_000_000) {
            throw new UsageException("--rate " + rate + ": expected 1..1000000 requests per second");
        }
        if (window.compareTo(interval) < 0) {
            throw new UsageException("--window " + window + " is shorter than --interval " + interval);
        }
        Credentials credentials = target.credentials();
        Path dir = out.orElseGet(() -> Path.of("results",
                "sample-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(RootClock.of(spec).instant())));
        List<Integer> cpus = cpu.map(AllowedCpus::parseList).orElse(List.of());
        if (t.isCluster()) {
            return everyMaster(t, credentials, dir, cpus);
        }
        TailSampler sampler = new TailSampler(new TailSampler.Options(t, credentials.secret(), rate, duration, interval,
                window, dir, !noPin, cpus, maxSlip.toNanos()), spec.commandLine().getOut(), RootClock.of(spec));
        credentials.clear();
        Thread hook = new Thread(() -> {
            sampler.requestStop();
            try {
                sampler.awaitFinished(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tailgate-sample-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getErr().println("sampling " + t.url() + " at " + rate + " req/s for " + duration
                + " into " + dir + " (Ctrl-C stops cleanly)");
        spec.commandLine().getErr().flush();
        TailState state;
        try {
            state = sampler.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down: the hook is waiting for us
            }
        }
        spec.commandLine().getErr().println("wrote " + dir.resolve(TailSampler.STATE_FILE) + " and "
                + dir.resolve(state.hlog()));
        return ExitCode.OK;
    }

    /**
     * A cluster: one sampler per master, side by side, each with its own sender thread at
     * {@code --rate} PINGs to that master and its own {@code redis-nodes/<host>_<port>/}
     * (tail-state.json and .hlog, as for one server), each line starting with the master; and
     * the cluster-wide view ({@link ClusterTail}) in {@code DIR} itself, where one server's
     * files go, so the gate judges the cluster by default. Every master must answer first; a
     * master lost later shows as errors in its own lines, as a lost server does, and makes the
     * cluster's summaries INVALID.
     */
    private int everyMaster(RedisTarget t, Credentials credentials, Path dir, List<Integer> cpus) throws Exception {
        List<String> masters = ClusterMasters.discover(t, credentials);
        for (String m : masters) {
            ClusterMasters.open(t, "master", m, credentials).close();
        }
        List<TailSampler> samplers = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        ClusterTail cluster = new ClusterTail(new TailSampler.Options(t, Optional.empty(), rate, duration, interval, window,
                dir, !noPin, cpus, maxSlip.toNanos()), masters, spec.commandLine().getOut(), RootClock.of(spec));
        for (int i = 0; i < masters.size(); i++) {
            String m = masters.get(i);
            Path nodeDir = ClusterTail.nodeDir(dir, m);
            dirs.add(nodeDir);
            samplers.add(new TailSampler(new TailSampler.Options(t.node(m), credentials.secret(), rate, duration, interval,
                    window, nodeDir, !noPin, cpus, maxSlip.toNanos()), spec.commandLine().getOut(), RootClock.of(spec), m,
                    cluster.listener(i)));
        }
        credentials.clear();
        Thread hook = new Thread(() -> {
            samplers.forEach(TailSampler::requestStop);
            try {
                for (TailSampler s : samplers) {
                    s.awaitFinished(Duration.ofSeconds(10));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tailgate-sample-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getErr().println("sampling " + t.url() + ": " + masters.size() + " masters, each at " + rate
                + " req/s for " + duration + ", into " + dir.resolve(ClusterTail.NODES_DIR) + "/<host>_<port> and the cluster-wide "
                + dir.resolve(TailSampler.STATE_FILE) + " (Ctrl-C stops cleanly)");
        spec.commandLine().getErr().flush();
        ExecutorService pool = Executors.newFixedThreadPool(samplers.size(), r -> {
            Thread th = new Thread(r, "tailgate-sample-node");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<TailState>> running = new ArrayList<>();
            for (TailSampler s : samplers) {
                running.add(pool.submit(s::run));
            }
            for (int i = 0; i < running.size(); i++) {
                try {
                    TailState state = running.get(i).get();
                    spec.commandLine().getErr().println("wrote " + dirs.get(i).resolve(TailSampler.STATE_FILE) + " and "
                            + dirs.get(i).resolve(state.hlog()));
                } catch (ExecutionException e) {
                    samplers.forEach(TailSampler::requestStop);
                    cluster.failed(i, String.valueOf(e.getCause()));
                    throw e.getCause() instanceof Exception x ? x : e;
                }
            }
            spec.commandLine().getOut().println(cluster.totalLine());
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println("wrote " + dir.resolve(TailSampler.STATE_FILE) + " and "
                    + dir.resolve(TailSampler.HLOG_FILE) + " (cluster-wide)");
        } finally {
            cluster.close();
            pool.shutdown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down: the hook is waiting for us
            }
        }
        return ExitCode.OK;
    }
}
