package dev.tailgate.bench.redis;

import dev.tailgate.bench.support.ArmTrials;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.ClientTrial;
import dev.tailgate.bench.support.ForkArms;
import dev.tailgate.bench.support.InjectedDelay;
import dev.tailgate.bench.support.LatencyBenchmark;
import dev.tailgate.bench.support.RawRespConnection;
import dev.tailgate.bench.support.RespCommands;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Redis GET of a preloaded key with no client library: a RESP array written on a plain
 * socket (I/O as {@code tailgate.io} says, like the TCP floor's), the whole bulk reply
 * ({@code $n\r\n} + n bytes + CRLF) read back.
 * Path: client -> loopback -> Redis -> back.
 *
 * <p>Why: the lower bound for a read of {@code valueBytes}; minus the TcpPingPong floor of
 * the same payload it is what Redis adds, and Jedis/Lettuce GET minus this is what the
 * library adds.
 *
 * <p>How: {@code Mode.SampleTime}, nanoseconds, one round trip per call. Each thread owns
 * 256 keys (preloaded at trial setup, UNLINKed at teardown) and picks one per call from a
 * seeded per-thread stream; the GET commands are encoded in setup. Client thread pinned
 * (role client, protocol RESP2). Closed-loop (coordinated omission): tails are understated.
 *
 * <p>Needs: a Redis at {@code tailgate.redis.host/port}. Run alone:
 * {@code java -jar benchmarks/target/benchmarks.jar RawRespGet -p valueBytes=64 -f 1 -wi 1 -i 2
 * -r 1s -jvmArgsAppend -Dtailgate.redis.port=6379}
 */
public class RawRespGetBenchmark extends LatencyBenchmark {

    @State(Scope.Thread)
    public static class Client {
        @Param({"16", "64", "512", "4096"})
        public int valueBytes;

        ArmTrials<RawRespConnection> arms;
        List<byte[][]> commandsPerArm;
        ClientTrial<RawRespConnection> trial;
        byte[][] getCommands;
        SplittableRandom random;
        InjectedDelay delay;

        @Setup(Level.Trial)
        public void setup(BenchmarkParams params, ThreadParams thread) {
            arms = ArmTrials.open(ForkArms.fromSystemProperties(), ClientTrial.Kind.RAW, BenchId.of(params),
                    ClientTrial.KEYS_PER_THREAD, valueBytes, thread.getThreadIndex());
            commandsPerArm = arms.perArm(Client::encodeGets);
            random = new SplittableRandom(ClientTrial.SEED + thread.getThreadIndex());
        }

        private static byte[][] encodeGets(ClientTrial<RawRespConnection> t) {
            byte[][] commands = new byte[t.keys().size()][];
            for (int i = 0; i < commands.length; i++) {
                commands[i] = RespCommands.encode("GET".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        t.keys().key(i));
            }
            return commands;
        }

        /** The iteration's arm (an alternated A/B fork), outside the timed region. */
        @Setup(Level.Iteration)
        public void beginIteration(IterationParams iteration) {
            arms.beginIteration(iteration);
            trial = arms.current();
            getCommands = commandsPerArm.get(arms.arm());
            delay = arms.delay();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arms.close();
        }
    }

    @Benchmark
    public int get(Client c) throws IOException {
        c.delay.beforeCall();
        RawRespConnection conn = c.trial.connection();
        int type = conn.callScan(c.getCommands[c.random.nextInt(c.getCommands.length)]);
        if (type != '$' || conn.reader().scannedLength() != c.valueBytes) {
            throw new IllegalStateException("GET: expected a " + c.valueBytes + "-byte bulk reply, got "
                    + conn.reader().describeScanned(type));
        }
        return type;
    }
}
