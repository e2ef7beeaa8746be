package dev.tailgate.bench.openloop;

import dev.tailgate.bench.support.ThreadPinning;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Fixed-rate round trips through Lettuce's async API (RESP2 pinned): the pinned sender thread
 * dispatches a command at each intended start and goes on; Lettuce writes it on its Netty I/O
 * thread, and the reply completes the command on that same event-loop thread. Path measured:
 * sender -> Netty event loop -> loopback -> Redis -> back -> event loop.
 *
 * <p>Completion is timed inside the command's own {@code complete()} (a small
 * {@link AsyncCommand} subclass), which Lettuce calls on the connection's single event-loop thread
 * in reply order. That keeps {@link DecoupledOpenLoop#completeOldest()} single-threaded; a
 * {@code whenComplete} callback could instead run on the sender if the reply beat its
 * registration. Lettuce allocates a command per request regardless; so does this benchmark.
 * Requests lost to a disconnect are counted as errors when the drain times out.
 *
 * <p>Mode, metrics, histogram files and settings as in {@link RawRespFixedRateBenchmark}.
 * Alone: {@code java -jar benchmarks.jar LettuceAsyncFixedRateBenchmark -p rate=50000}.
 */
public class LettuceAsyncFixedRateBenchmark extends FixedRateBenchmarkBase {
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private volatile DecoupledOpenLoop current;

    /** Times the reply on the event loop, in order, before anyone else sees it. */
    private final class TimedCommand extends AsyncCommand<String, String, String> {
        TimedCommand(Command<String, String, String> command) {
            super(command);
        }

        @Override
        public void complete() {
            DecoupledOpenLoop loop = current;
            boolean failed = getOutput().hasError();
            if (failed) {
                loop.failOldest();
            } else {
                loop.completeOldest();
            }
            super.complete();
        }
    }

    @Override
    protected void connect(OpenLoopSettings s) throws InterruptedException {
        RedisURI.Builder uri = s.redis().endpoint().lettuceUri()
                .withTimeout(Duration.ofSeconds(10)).withDatabase(s.db());
        s.password().ifPresent(p -> {
            if (s.user().isPresent()) {
                uri.withAuthentication(s.user().get(), p.toCharArray());
            } else {
                uri.withPassword(p.toCharArray());
            }
        });
        // Netty's event-loop threads inherit the affinity of the thread that starts them: connect
        // from a helper kept off the sender's CPU, or the I/O thread would share the pinned core.
        Thread connector = new Thread(() -> {
            ThreadPinning.keepCurrentThreadOff(session.senderCpu());
            client = RedisClient.create(uri.build());
            ClientOptions.Builder options = ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2);
            s.redis().endpoint().lettuceSsl().ifPresent(options::sslOptions);
            client.setOptions(options.build());
            connection = client.connect();
        }, "tailgate-lettuce-connect");
        connector.start();
        connector.join();
        if (connection == null) {
            throw new IllegalStateException("Lettuce could not connect to " + s.redis().endpoint().describe());
        }
        if (isGet()) {
            connection.sync().set(key, "x".repeat(32), s.keyTtlMillis() > 0
                    ? io.lettuce.core.SetArgs.Builder.px(s.keyTtlMillis()) : new io.lettuce.core.SetArgs());
        }
    }

    private Command<String, String, String> nextCommand() {
        if (isGet()) {
            return new Command<>(CommandType.GET, new ValueOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8).addKey(key));
        }
        return new Command<>(CommandType.PING, new StatusOutput<>(StringCodec.UTF8));
    }

    @Benchmark
    public OpenLoopResult fixedRate(FixedRateMetrics metrics) {
        DecoupledOpenLoop.Transport transport = new DecoupledOpenLoop.Transport() {
            @Override
            public void send() {
                connection.dispatch(new TimedCommand(nextCommand()));
            }

            @Override
            public void awaitReply() {
                throw new UnsupportedOperationException("completions arrive through TimedCommand");
            }
        };
        DecoupledOpenLoop loop = new DecoupledOpenLoop(session.config, transport, NanoClock.SYSTEM, session.pacer,
                session.recorders);
        current = loop;
        RunTally tally = loop.runCallbackDriven(() -> false, 10_000_000_000L);
        return session.endIteration(tally, false, metrics);
    }

    @Override
    protected void disconnect() {
        if (isGet()) {
            connection.sync().del(key);
        }
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
