package dev.tailgate.bench.cluster;

import dev.tailgate.bench.support.LatencyBenchmark;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Redis Cluster GET of a preloaded 16 B key through Lettuce's cluster client (synchronous
 * API, {@code byte[]} codec). Path: benchmark thread -> slot lookup -> the owning master's
 * connection on the Netty I/O thread -> loopback -> that master -> I/O thread -> benchmark
 * thread, so each call crosses two threads as LettuceSyncGet's does.
 *
 * <p>Why: the cluster client's routing cost next to LettuceSyncGet on one server; with
 * {@code -p master=i} each master's own latency.
 *
 * <p>How: as {@link JedisClusterGetBenchmark} (SampleTime, seeded keys on every master or on
 * master i, client thread pinned, the I/O thread recorded NOT_BOUND). Closed-loop: tails are
 * understated.
 */
public class LettuceClusterGetBenchmark extends LatencyBenchmark {

    @Benchmark
    public byte[] get(LettuceClusterClient c) {
        c.delay().beforeCall();
        return c.connection().connection().sync().get(c.randomKey());
    }
}
