package dev.tailgate.cli;

import dev.tailgate.model.BadInputException;
import dev.tailgate.model.UsageException;
import dev.tailgate.redis.ClusterMasters;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.redis.telemetry.CommandDelta;
import dev.tailgate.redis.telemetry.CommandStat;
import dev.tailgate.redis.telemetry.Telemetry;
import dev.tailgate.redis.telemetry.TelemetryCounter;
import dev.tailgate.redis.telemetry.TelemetryDiff;
import dev.tailgate.redis.telemetry.TelemetryJson;
import dev.tailgate.redis.telemetry.TelemetrySnapshot;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code tailgate monitor}: Redis-side telemetry of a live server. Without {@code --interval}
 * one snapshot (summary on stdout, full JSON to {@code --out}); with it, one line of the
 * interval's diff per interval until {@code --count} or Ctrl-C (each line, and each JSON line
 * in {@code --out}, is flushed as it is written, so an interrupt loses nothing). A
 * {@code redis-cluster://} target is watched on every master: a summary, or a line per
 * interval, for each, starting with the master's {@code host:port}.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Redis telemetry: one snapshot, or a line per interval (ops/s, usec/call, slowlog, evictions).",
            "A redis-cluster:// target: every master, each line starting with its host:port."})
public final class MonitorCommand implements Callable<Integer> {

    @CommandLine.Mixin
    TargetOptions target = new TargetOptions();

    @Option(names = "--out", paramLabel = "FILE",
            description = "One snapshot: its JSON. With --interval: one JSON diff per line (JSON Lines), appended.")
    Path out;

    @Option(names = "--interval", paramLabel = "D",
            description = "Print one line per interval (e.g. 500ms, 1s, 1m) until --count or Ctrl-C.")
    Duration interval;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N intervals (needs --interval).")
    Integer count;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "5s",
            description = "Connect and reply timeout (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Injectable for tests; the CLI edge is the only place that reads it. */
    Clock clock;

    @Override
    public Integer call() throws Exception {
        if (clock == null) {
            clock = RootClock.of(spec);
        }
        RedisTarget t = target.requireTarget("monitor");
        if (count != null && interval == null) {
            throw new UsageException("--count needs --interval");
        }
        if (count != null && count < 1) {
            throw new UsageException("--count " + count + ": expected >= 1");
        }
        if (timeout.toMillis() > Integer.MAX_VALUE) {
            // the client's socket timeout is an int of milliseconds
            throw new UsageException("--timeout " + timeout + ": expected < 24 days");
        }
        Credentials creds = target.credentials();
        if (!t.isCluster()) {
            try (Telemetry telemetry = Telemetry.connect(t, creds, timeout)) {
                creds.clear();
                return interval == null ? once(telemetry) : loop(List.of(telemetry), List.of(""));
            }
        }
        List<String> masters = ClusterMasters.discover(t, creds);
        List<Telemetry> nodes = new ArrayList<>();
        try {
            for (String m : masters) {
                RedisTarget node = t.node(m);
                try {
                    nodes.add(Telemetry.connect(node, creds, timeout));
                } catch (BadInputException e) {
                    throw ClusterMasters.reword(t, "master", m, node, e);
                }
            }
            creds.clear();
            return interval == null ? onceEach(t, masters, nodes)
                    : loop(nodes, masters.stream().map(m -> String.format(Locale.ROOT, "%-22s ", m)).toList());
        } finally {
            nodes.forEach(Telemetry::close);
        }
    }

    private int once(Telemetry telemetry) {
        TelemetrySnapshot s = telemetry.capture(clock.instant());
        PrintWriter o = spec.commandLine().getOut();
        summary(s).lines().forEach(o::println);
        if (out != null) {
            TelemetryJson.write(out, s);
            o.println("wrote      " + out);
        }
        o.flush();
        return ExitCode.OK;
    }

    /**
     * A cluster: every master's snapshot and summary, one after the other; {@code --out} gets
     * one JSON object of the snapshots by master {@code host:port}.
     */
    private int onceEach(RedisTarget cluster, List<String> masters, List<Telemetry> nodes) {
        PrintWriter o = spec.commandLine().getOut();
        o.println("cluster    " + cluster.url() + ": " + masters.size() + " masters " + String.join(", ", masters));
        Map<String, TelemetrySnapshot> snapshots = new TreeMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            TelemetrySnapshot s = nodes.get(i).capture(clock.instant());
            snapshots.put(masters.get(i), s);
            o.println("master     " + masters.get(i));
            summary(s).lines().forEach(o::println);
        }
        if (out != null) {
            TelemetryJson.write(out, snapshots);
            o.println("wrote      " + out);
        }
        o.flush();
        return ExitCode.OK;
    }

    static String summary(TelemetrySnapshot s) {
        StringBuilder b = new StringBuilder();
        String role = s.infoValue("replication", "role");
        b.append(String.format(Locale.ROOT, "target     %s  redis %s  uptime %s s  role %s%n", s.target(),
                s.redisVersion(), s.infoValue("server", "uptime_in_seconds"), role));
        b.append(String.format(Locale.ROOT, "commands   %s processed since start; instantaneous %s ops/s; %s clients%n",
                s.infoValue("stats", "total_commands_processed"), s.infoValue("stats", "instantaneous_ops_per_sec"),
                s.infoValue("clients", "connected_clients")));
        b.append(String.format(Locale.ROOT, "memory     used %s (maxmemory %s, policy %s)%n",
                s.infoValue("memory", "used_memory_human"), s.config().getOrDefault("maxmemory", "?"),
                s.config().getOrDefault("maxmemory-policy", "?")));
        b.append(String.format(Locale.ROOT, "keys       evicted %s, expired %s, hits %s, misses %s, rejected connections %s%n",
                s.infoValue("stats", "evicted_keys"), s.infoValue("stats", "expired_keys"),
                s.infoValue("stats", "keyspace_hits"), s.infoValue("stats", "keyspace_misses"),
                s.infoValue("stats", "rejected_connections")));
        b.append(String.format(Locale.ROOT, "slowlog    %d entries (slowlog-log-slower-than %s usec, max-len %s)%n",
                s.slowlogLength(), s.config().getOrDefault("slowlog-log-slower-than", "?"),
                s.config().getOrDefault("slowlog-max-len", "?")));
        b.append(String.format(Locale.ROOT, "latency    %d LATENCY LATEST events (latency-monitor-threshold %s ms);"
                        + " latencystats %s; histogram %s%n", s.latencyLatest().size(),
                s.config().getOrDefault("latency-monitor-threshold", "?"), s.latencyStats(), s.latencyHistogram()));
        s.commandStats().stream().sorted(Comparator.comparingLong(CommandStat::usec).reversed()).limit(5)
                .forEach(c -> b.append(String.format(Locale.ROOT, "top        %-20s %12d calls %10.2f usec/call%n",
                        c.command(), c.calls(), c.calls() == 0 ? 0.0 : (double) c.usec() / c.calls())));
        s.notes().forEach(n -> b.append("note       ").append(n).append('\n'));
        return b.toString();
    }

    /** {@code labels}: what starts each node's line ("" for one server, the master's host:port for a cluster). */
    private int loop(List<Telemetry> nodes, List<String> labels) throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        Thread worker = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C / SIGTERM: stop the loop at the next wait and let it finish the line it is on;
        // bounded, so a stuck capture cannot hold the JVM up.
        Thread hook = new Thread(() -> {
            worker.interrupt();
            try {
                finished.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // the JVM is exiting either way
            }
        }, "tailgate-monitor-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        // java.io, not a FileChannel: an interrupt (Ctrl-C) must not close the file mid-line.
        Writer jsonLines = out == null ? null
                : new OutputStreamWriter(new FileOutputStream(out.toFile(), true), StandardCharsets.UTF_8);
        try {
            intervals(nodes, labels, o, jsonLines);
        } finally {
            o.flush();
            if (jsonLines != null) {
                jsonLines.close();
            }
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down: the hook is running
            }
        }
        return ExitCode.OK;
    }

    /**
     * The header, then one line per node per interval until {@code --count} intervals or an
     * interrupt; each line also goes to {@code jsonLines} when given (a diff names its node).
     */
    private void intervals(List<Telemetry> nodes, List<String> labels, PrintWriter o, Writer jsonLines) throws IOException {
        List<TelemetrySnapshot> prev = new ArrayList<>();
        for (Telemetry n : nodes) {
            prev.add(n.capture(clock.instant()));
        }
        String master = labels.get(0).isEmpty() ? "" : String.format(Locale.ROOT, "%-22s ", "master");
        o.println(master + String.format(Locale.ROOT, "%-20s %12s %10s %9s %8s %9s %8s", "time(UTC)", "ops/s",
                "usec/call", "slowlog+", "evicted", "rejected", "expired"));
        o.flush();
        long intervalNanos = interval.toNanos();
        long start = System.nanoTime();
        for (long k = 1; count == null || k <= count; k++) {
            // Deadlines on a fixed grid: a slow capture does not push every later line back.
            long wait = start + k * intervalNanos - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    break;
                }
            }
            for (int i = 0; i < nodes.size(); i++) {
                // Light: the configuration is read once, not every interval (it costs the server
                // more main-thread time than any other part of a capture).
                TelemetrySnapshot cur = nodes.get(i).captureLight(clock.instant());
                TelemetryDiff d = TelemetryDiff.between(prev.get(i), cur);
                o.println(labels.get(i) + line(d));
                o.flush();
                if (jsonLines != null) {
                    jsonLines.write(TelemetryJson.toJsonLine(d) + "\n");
                    jsonLines.flush();
                }
                prev.set(i, cur);
            }
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
    }

    static String line(TelemetryDiff d) {
        String time = d.to().truncatedTo(ChronoUnit.SECONDS).toString();
        if (d.validity() != TelemetryDiff.Validity.VALID) {
            return String.format(Locale.ROOT, "%-20s %s", time, d.validity() + ": " + String.join("; ", d.warnings()));
        }
        double upc = d.workloadUsecPerCall();
        return String.format(Locale.ROOT, "%-20s %12.1f %10s %9d %8d %9d %8d", time, d.opsPerSecond(),
                Double.isNaN(upc) ? "-" : String.format(Locale.ROOT, "%.2f", upc),
                d.counterOr(TelemetryCounter.NEW_SLOWLOG_ENTRIES, -1), d.counterOr(TelemetryCounter.EVICTED_KEYS, -1),
                d.counterOr(TelemetryCounter.REJECTED_CONNECTIONS, -1), d.counterOr(TelemetryCounter.EXPIRED_KEYS, -1));
    }
}
