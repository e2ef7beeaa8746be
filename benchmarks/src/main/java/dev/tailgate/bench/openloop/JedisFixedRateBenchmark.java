package dev.tailgate.bench.openloop;

import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Fixed-rate round trips through Jedis (blocking I/O on the calling thread, RESP2 pinned so the
 * reply shapes do not change with the Jedis default): client library -> loopback -> Redis -> back.
 *
 * <p>Jedis cannot send before the previous reply arrived, so this is {@link BlockingOpenLoop}:
 * the pinned benchmark thread waits for each intended start, calls, and charges response time from
 * the intended start — a late reply delays the following sends, and each of them is charged its
 * queueing (JLBH's answer to coordinated omission). One connection cannot exceed 1/RTT: when the
 * period is shorter than the median round trip the result is INVALID with
 * {@code BLOCKING_CLIENT_CEILING} and the achieved rate in the metrics, instead of a rate it never
 * reached. 50,000/s needs a round trip under 20 µs, so on a host whose loopback RTT is longer
 * the highest default rate is expected to hit it.
 *
 * <p>Mode, metrics, histogram files and settings as in {@link RawRespFixedRateBenchmark}.
 * Alone: {@code java -jar benchmarks.jar JedisFixedRateBenchmark -p rate=10000}.
 */
public class JedisFixedRateBenchmark extends FixedRateBenchmarkBase {
    private Jedis jedis;
    private BlockingOpenLoop.Transport call;

    @Override
    protected void connect(OpenLoopSettings s) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .socketTimeoutMillis(10_000).protocol(RedisProtocol.RESP2).database(s.db());
        s.user().ifPresent(config::user);
        s.password().ifPresent(config::password);
        jedis = new Jedis(s.redis().endpoint().jedisSockets(2_000, 10_000), config.build());
        Runnable op; // built once: no lambda allocated per request
        if (isGet()) {
            jedis.set(key, "x".repeat(32), s.keyTtlMillis() > 0
                    ? redis.clients.jedis.params.SetParams.setParams().px(s.keyTtlMillis())
                    : redis.clients.jedis.params.SetParams.setParams());
            op = () -> jedis.get(key);
        } else {
            op = jedis::ping;
        }
        call = () -> wrap(op);
    }

    /** Jedis throws unchecked exceptions; the driver counts IOExceptions as failed requests. */
    private static void wrap(Runnable r) throws IOException {
        try {
            r.run();
        } catch (JedisException e) {
            throw new IOException(e);
        }
    }

    @Benchmark
    public OpenLoopResult fixedRate(FixedRateMetrics metrics) {
        RunTally tally = BlockingOpenLoop.run(session.config, call, NanoClock.SYSTEM, session.pacer, session.recorders,
                () -> false);
        return session.endIteration(tally, true, metrics);
    }

    @Override
    protected void disconnect() {
        if (isGet()) {
            jedis.del(key);
        }
        jedis.close();
    }
}
