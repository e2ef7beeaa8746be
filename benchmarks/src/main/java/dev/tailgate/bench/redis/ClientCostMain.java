package dev.tailgate.bench.redis;

import dev.tailgate.bench.redis.ClientCost.Client;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.FloorIo;
import dev.tailgate.bench.support.LettuceConnection;
import dev.tailgate.bench.support.MainFlags;
import dev.tailgate.bench.support.PinnedThread;
import dev.tailgate.bench.support.RawRespConnection;
import dev.tailgate.bench.support.RedisConnections;
import dev.tailgate.bench.support.RespCommands;
import dev.tailgate.bench.support.SwitchProperty;
import dev.tailgate.bench.support.ThreadPinning;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.Jedis;

/**
 * The client library's cost as a paired measurement: one thread holds a raw RESP socket, a Jedis
 * connection and a Lettuce sync connection to the same Redis and sends PING on them call by call,
 * in blocks of three whose order rotates through all six orders ({@link ClientCost#ORDERS}). Each
 * call is timed with two {@code System.nanoTime()} reads into that client's own HdrHistogram
 * (every call, 3 significant digits). A warm-up of the same loop comes first and is discarded.
 *
 * <p>A plain main class, like {@code ClockCost} and {@code EchoServerMain}, not a JMH benchmark:
 * JMH times one benchmark method per trial and, in {@code SampleTime}, a sample of its calls, so
 * three clients in one JMH trial would share one histogram. Interleaving within one window is the
 * point, so the loop and the histograms are ours.
 *
 * <p>The same environment as the benchmark forks, read from the same system properties
 * ({@link BenchConfig}): the target, {@code tailgate.cpu.clients} (the thread is pinned to its
 * first CPU as a JMH client thread is; Lettuce's I/O thread is reset to the process's base
 * affinity as in {@code LettuceSyncPingBenchmark}), {@code tailgate.protocol} for Jedis and
 * Lettuce, and {@code tailgate.io} for the raw socket, as {@code RawRespPingBenchmark} uses it.
 *
 * <pre>java -Dtailgate.redis.port=6379 -Dtailgate.cpu.clients=1 -cp benchmarks/target/benchmarks.jar \
 *     dev.tailgate.bench.redis.ClientCostMain --warmup-ms 2000 --measure-ms 10000 [--json FILE]</pre>
 */
public final class ClientCostMain {
    /** Round trips above this are recorded at it: a 10 s stall is off the scale of any percentile read here. */
    private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(10);

    private ClientCostMain() {
    }

    /** The parsed command line. */
    record Options(long warmupMillis, long measureMillis, Optional<Path> json) {
    }

    /** One PING on one client; a reply other than PONG fails the run rather than timing an error path. */
    @FunctionalInterface
    interface Ping {
        void ping() throws IOException;
    }

    public static void main(String[] args) {
        BenchConfig cfg;
        FloorIo io;
        try {
            cfg = BenchConfig.fromSystemProperties();
            io = FloorIo.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            System.err.println("client-cost: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(args, cfg, io, System.out, System.err));
    }

    /** Runs with the given environment; returns the exit code (0 ok, 2 usage, 3 bad input or unreachable Redis). */
    static int run(String[] args, BenchConfig cfg, FloorIo io, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("client-cost: " + e.getMessage());
            return 2;
        }
        ClientCost.Result result;
        try {
            result = measure(cfg, io, o, err);
        } catch (IOException | RuntimeException e) {
            err.println("client-cost: measuring PING on " + cfg.endpoint().describe() + " failed: " + e.getMessage());
            return 3;
        }
        result.lines().forEach(out::println);
        if (o.json().isPresent()) {
            try {
                Files.writeString(o.json().get(), result.json() + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("client-cost: --json " + o.json().get() + ": cannot write (" + e.getMessage() + ")");
                return 3;
            }
        }
        return 0;
    }

    /**
     * Pins the thread first, so that the connections (and Lettuce's I/O thread) start from the
     * planned placement, as {@code ClientTrial} does; then warms up and measures.
     */
    static ClientCost.Result measure(BenchConfig cfg, FloorIo io, Options o, PrintStream err) throws IOException {
        String ioName = SwitchProperty.name(io);
        BenchId id = new BenchId(ClientCostMain.class.getName() + ".ping", Map.of("io", ioName));
        try (PinnedThread pin = ThreadPinning.pinClient(cfg, id, cfg.protocol().name());
             RawRespConnection raw = RedisConnections.raw(cfg, io);
             Jedis jedis = RedisConnections.jedis(cfg);
             LettuceConnection lettuce = LettuceConnection.open(cfg, id)) {
            err.println("client-cost: client thread " + pin.describe() + "; raw RESP io " + ioName);
            RedisCommands<byte[], byte[]> sync = lettuce.connection().sync();
            Ping[] pings = new Ping[Client.values().length];
            pings[Client.RAW.ordinal()] = () -> expectPong(raw, raw.callScan(RespCommands.PING));
            pings[Client.JEDIS.ordinal()] = jedis::ping;
            pings[Client.LETTUCE.ordinal()] = sync::ping;
            Histogram[] h = new Histogram[pings.length];
            for (int i = 0; i < h.length; i++) {
                h[i] = new Histogram(MAX_NANOS, 3);
            }
            interleave(pings, h, TimeUnit.MILLISECONDS.toNanos(o.warmupMillis()));
            for (Histogram each : h) {
                each.reset();
            }
            interleave(pings, h, TimeUnit.MILLISECONDS.toNanos(o.measureMillis()));
            return new ClientCost.Result(ioName, ClientCost.Percentiles.of(h[Client.RAW.ordinal()]),
                    ClientCost.Percentiles.of(h[Client.JEDIS.ordinal()]), ClientCost.Percentiles.of(h[Client.LETTUCE.ordinal()]));
        }
    }

    /**
     * Blocks of three calls until {@code nanos} have passed (checked between blocks, so every
     * block is whole and the clients' call counts differ by at most one). The clock is read
     * around each call only; the interface call in between costs each client the same.
     */
    private static void interleave(Ping[] pings, Histogram[] h, long nanos) throws IOException {
        long deadline = System.nanoTime() + nanos;
        for (long block = 0; System.nanoTime() - deadline < 0; block++) {
            for (Client c : ClientCost.order(block)) {
                int i = c.ordinal();
                long start = System.nanoTime();
                pings[i].ping();
                long took = System.nanoTime() - start;
                h[i].recordValue(Math.min(took, MAX_NANOS));
            }
        }
    }

    /** As {@code RawRespPingBenchmark}: the reply read wholly and not kept, so raw RESP allocates nothing. */
    private static void expectPong(RawRespConnection raw, int type) {
        if (type != '+') {
            throw new IllegalStateException("raw PING: expected +PONG, got " + raw.reader().describeScanned(type));
        }
    }

    static Options parse(String[] args) {
        long warmup = 2_000;
        long measure = 10_000;
        Optional<Path> json = Optional.empty();
        for (Map.Entry<String, String> f : MainFlags.parse(args, List.of("--warmup-ms", "--measure-ms", "--json")).entrySet()) {
            switch (f.getKey()) {
                case "--warmup-ms" -> warmup = millis(f.getKey(), f.getValue(), 0);
                case "--measure-ms" -> measure = millis(f.getKey(), f.getValue(), 1);
                default -> json = Optional.of(Path.of(f.getValue()));
            }
        }
        return new Options(warmup, measure, json);
    }

    private static long millis(String flag, String v, long min) {
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= TimeUnit.DAYS.toMillis(1)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new IllegalArgumentException(flag + ": expected milliseconds from " + min + " to 86400000, got \"" + v + "\"");
    }
}
