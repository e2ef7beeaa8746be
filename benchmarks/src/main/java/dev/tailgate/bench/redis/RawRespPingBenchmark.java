package dev.tailgate.bench.redis;

import dev.tailgate.bench.support.LatencyBenchmark;
import dev.tailgate.bench.support.RawRespClient;
import dev.tailgate.bench.support.RespCommands;
import dev.tailgate.bench.support.RawRespConnection;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Redis PING with no client library: the 14 RESP bytes {@code *1\r\n$4\r\nPING\r\n} written on a
 * plain socket, {@code +PONG\r\n} read back. Path: client -> loopback -> Redis event loop -> back.
 * The socket's I/O is {@code tailgate.io} ({@code support.FloorIo}), the same as the TCP floor's
 * in the same run, so that this minus the floor is Redis's share only.
 *
 * <p>Why: the smallest thing Redis can do for a client. Minus the 14-byte TcpPingPong floor it
 * is Redis's fixed per-command cost; Jedis/Lettuce PING minus this is the client library's.
 *
 * <p>How: {@code Mode.SampleTime}, nanoseconds, one round trip per call; the command bytes
 * are encoded once in setup, and the reply is read wholly but not kept ({@code RespReader.scan}),
 * so the timed call allocates nothing, as the floor's does not. The client thread holds an affinity lock (record role client,
 * protocol RESP2: no HELLO is sent). AUTH and SELECT are sent at connect if configured.
 * Closed-loop (coordinated omission): tails are understated.
 *
 * <p>Needs: a Redis at {@code tailgate.redis.host/port}. Run alone:
 * {@code java -jar benchmarks/target/benchmarks.jar RawRespPing -f 1 -wi 1 -i 2 -r 1s
 * -jvmArgsAppend -Dtailgate.redis.port=6379}
 */
public class RawRespPingBenchmark extends LatencyBenchmark {

    @Benchmark
    public int ping(RawRespClient c) throws IOException {
        c.delay().beforeCall();
        RawRespConnection conn = c.trial().connection();
        int type = conn.callScan(RespCommands.PING);
        if (type != '+') {
            throw new IllegalStateException("PING: expected +PONG, got " + conn.reader().describeScanned(type));
        }
        return type;
    }
}
