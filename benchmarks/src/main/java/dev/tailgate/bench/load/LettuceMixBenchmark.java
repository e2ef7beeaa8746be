package dev.tailgate.bench.load;

import dev.tailgate.bench.support.LatencyBenchmark;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The load shape of {@link RawRespMixBenchmark} through Lettuce's async API ({@link LettuceDriver}):
 * one client per thread whose connections share its two Netty I/O threads (each connection stays
 * on one of them), auto-flush off, each batch one {@code flushCommands()}, replies awaited in
 * order; speaks {@code tailgate.protocol}.
 * Minus RawRespMix with the same params it is what Lettuce, including the hand-off to its I/O
 * thread and back, adds under that load.
 *
 * <p>How: as RawRespMix: {@code Mode.SampleTime}, nanoseconds, one JMH sample per call (one
 * connection's turn: its batch's replies awaited, its next batch sent); every command in the
 * fork's {@code .hlog} under {@code response} and its own command's tag; pinned per the core
 * plan, overload stated; the I/O threads are not pinned (the plan has no CPU for them) and are
 * recorded as role io-thread. Closed loop (coordinated omission): tails are understated.
 *
 * <p>Needs a Redis. Run alone: {@code java -jar benchmarks/target/benchmarks.jar LettuceMix -t 1
 * -p connections=8 -p pipeline=4 -f 1 -wi 1 -i 2 -r 1s -jvmArgsAppend -Dtailgate.redis.port=6379}
 */
public class LettuceMixBenchmark extends LatencyBenchmark {

    @State(Scope.Thread)
    public static class Client extends MixState {
        @Override
        LoadClient client() {
            return LoadClient.LETTUCE;
        }
    }

    @Benchmark
    public int mix(Client c) throws IOException {
        return c.trial.call();
    }
}
