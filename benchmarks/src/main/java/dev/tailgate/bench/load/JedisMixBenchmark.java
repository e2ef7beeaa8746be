package dev.tailgate.bench.load;

import dev.tailgate.bench.support.LatencyBenchmark;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The load shape of {@link RawRespMixBenchmark} through Jedis: each command encoded and each
 * reply parsed by Jedis's {@code Connection} ({@link JedisDriver}), speaking
 * {@code tailgate.protocol}. Minus RawRespMix with the same params it is what Jedis adds under
 * that load.
 *
 * <p>How: as RawRespMix: {@code Mode.SampleTime}, nanoseconds, one JMH sample per call (one
 * connection's turn: its batch's replies read, its next batch sent); every command in
 * the fork's {@code .hlog} under {@code response} and its own command's tag; pinned per the
 * core plan, overload stated. Closed loop (coordinated omission): tails are understated.
 *
 * <p>Needs a Redis. Run alone: {@code java -jar benchmarks/target/benchmarks.jar JedisMix -t 2
 * -p connections=4 -p pipeline=8 -p keys=zipf:0.99 -f 1 -wi 1 -i 2 -r 1s -jvmArgsAppend
 * -Dtailgate.redis.port=6379}
 */
public class JedisMixBenchmark extends LatencyBenchmark {

    @State(Scope.Thread)
    public static class Client extends MixState {
        @Override
        LoadClient client() {
            return LoadClient.JEDIS;
        }
    }

    @Benchmark
    public int mix(Client c) throws IOException {
        return c.trial.call();
    }
}
