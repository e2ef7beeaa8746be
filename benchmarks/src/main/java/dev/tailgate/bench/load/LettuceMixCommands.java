package dev.tailgate.bench.load;

import dev.tailgate.bench.openloop.CallbackMixOpenLoop;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.RedisConnections;
import dev.tailgate.bench.support.ThreadPinning;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.BooleanOutput;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.resource.ClientResources;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * A load shape through Lettuce's async API, for the callback-driven fixed-rate driver
 * ({@link CallbackMixOpenLoop}): one client for the {@code connections} (speaking
 * {@code tailgate.protocol}; {@link RedisConnections#lettuceResources} asks for one I/O thread,
 * Lettuce runs at least two, and each connection stays on one of them), the keys preloaded as
 * for the closed-loop mix ({@link LoadKeyspace}), the same seeded draws ({@link MixDraws}).
 *
 * <p><b>A batch</b> is {@code setAutoFlushCommands(false)} and one {@code flushCommands()}:
 * {@link #queue} dispatches a command into the connection's buffer, {@link #flush} writes the
 * buffer, as a Lettuce user pipelines. Each command is the {@link Command} Lettuce's
 * {@code RedisAsyncCommands} would build (same keyword, arguments and output type), wrapped in a
 * small {@link AsyncCommand} subclass and dispatched on the connection: that is what the async
 * API does, minus its command builder. The subclass reports the reply from {@code complete()},
 * which Lettuce calls on the connection's event-loop thread in reply order, so each
 * connection's timing has one consumer and nothing is allocated to be told (a
 * {@code whenComplete} callback would cost a dependent future per command, and could run on the
 * sender if the reply won the race with its registration).
 *
 * <p>Each reply is checked as the closed-loop Lettuce mix checks it ({@code LettuceDriver}); an
 * error reply, a reply of another type, a decoding failure or a cancelled command (a connection
 * lost) fails the run with one line naming the command and the connection.
 *
 * <p>The I/O threads are started off the sender's CPU ({@link ThreadPinning#keepCurrentThreadOff}),
 * as the other Lettuce fixed-rate benchmark's is: Netty's threads would otherwise inherit the
 * affinity of the thread that first connects, the pinned sender.
 */
public final class LettuceMixCommands implements CallbackMixOpenLoop.Transport, AutoCloseable {
    private static final ByteArrayCodec CODEC = ByteArrayCodec.INSTANCE;

    private final LoadKeyspace keyspace;
    private final ClientResources resources;
    private final RedisClient client;
    private final List<StatefulRedisConnection<byte[], byte[]>> connections;
    private final Dispatch dispatch = new Dispatch();
    private final MixDraws draws;
    private final LoadCommand[] commands;
    private final SetArgs set;

    private LettuceMixCommands(LoadKeyspace keyspace, ClientResources resources, RedisClient client,
                               List<StatefulRedisConnection<byte[], byte[]>> connections, LoadShape shape, long seed) {
        this.keyspace = keyspace;
        this.resources = resources;
        this.client = client;
        this.connections = connections;
        this.draws = new MixDraws(shape, keyspace, seed);
        this.commands = shape.mix().commands().toArray(new LoadCommand[0]);
        this.set = keyspace.ttl() > 0 ? SetArgs.Builder.px(keyspace.ttl()) : null;
    }

    /**
     * Preloads the keys of {@code shape}'s mix under a namespace of this trial's own, then opens
     * {@code shape.connections()} connections on one client whose I/O threads avoid {@code senderCpu}.
     */
    public static LettuceMixCommands open(BenchConfig cfg, String shortName, LoadShape shape, long seed,
                                          Optional<Integer> senderCpu) {
        return LoadKeyspace.createThen(cfg, shortName, shape, seed, ks -> {
            ClientResources res = RedisConnections.lettuceResources(pool -> offCpu(pool, senderCpu));
            RedisClient cl = null;
            List<StatefulRedisConnection<byte[], byte[]>> open = new ArrayList<>();
            try {
                cl = RedisConnections.lettuce(cfg, res);
                for (int i = 0; i < shape.connections(); i++) {
                    StatefulRedisConnection<byte[], byte[]> c = cl.connect(CODEC);
                    c.setAutoFlushCommands(false);
                    open.add(c);
                }
                return new LettuceMixCommands(ks, res, cl, open, shape, seed);
            } catch (RuntimeException e) {
                open.forEach(StatefulRedisConnection::close);
                LettuceDriver.shutdown(cl, res);
                throw e;
            }
        });
    }

    private static ThreadFactory offCpu(String pool, Optional<Integer> senderCpu) {
        ThreadFactory netty = new DefaultThreadFactory(pool, true);
        return task -> netty.newThread(() -> {
            ThreadPinning.keepCurrentThreadOff(senderCpu);
            task.run();
        });
    }

    /** The mix's commands; {@link #queue}'s result indexes this list. */
    public List<LoadCommand> commands() {
        return List.of(commands);
    }

    @Override
    public int connections() {
        return connections.size();
    }

    @Override
    public int queue(int conn, CallbackMixOpenLoop.Completions done) throws IOException {
        dispatch.done = done;
        return draws.send(dispatch, conn);
    }

    @Override
    public void flush(int conn) {
        connections.get(conn).flushCommands();
    }

    /** Closes the connections and the client, then removes the trial's keys. */
    @Override
    public void close() {
        try {
            connections.forEach(StatefulRedisConnection::close);
            LettuceDriver.shutdown(client, resources);
        } finally {
            keyspace.close();
        }
    }

    /** Builds each drawn command as Lettuce's async API would and dispatches it, timed. */
    private final class Dispatch implements LoadDriver {
        CallbackMixOpenLoop.Completions done;

        @Override
        public void send(int conn, LoadCommand command, byte[] key, byte[] value) {
            connections.get(conn).dispatch(new TimedCommand(build(command, key, value), command, conn, done));
        }

        private Command<byte[], byte[], ?> build(LoadCommand command, byte[] key, byte[] value) {
            CommandArgs<byte[], byte[]> args = new CommandArgs<>(CODEC);
            return switch (command) {
                case GET -> new Command<>(CommandType.GET, new ValueOutput<>(CODEC), args.addKey(key));
                case SET -> {
                    args.addKey(key).addValue(value);
                    if (set != null) {
                        set.build(args);
                    }
                    yield new Command<>(CommandType.SET, new StatusOutput<>(CODEC), args);
                }
                case PING -> new Command<>(CommandType.PING, new StatusOutput<>(CODEC));
                case INCR -> new Command<>(CommandType.INCR, new IntegerOutput<>(CODEC), args.addKey(key));
                case HGET -> new Command<>(CommandType.HGET, new ValueOutput<>(CODEC),
                        args.addKey(key).addKey(LoadKeyspace.FIELD));
                case HSET -> new Command<>(CommandType.HSET, new BooleanOutput<>(CODEC),
                        args.addKey(key).addKey(LoadKeyspace.FIELD).addValue(value));
                case LPUSH -> new Command<>(CommandType.LPUSH, new IntegerOutput<>(CODEC), args.addKey(key).addValue(value));
                case RPOP -> new Command<>(CommandType.RPOP, new ValueOutput<>(CODEC), args.addKey(key));
            };
        }

        @Override
        public void flush(int conn) {
            throw new UnsupportedOperationException("the driver flushes through LettuceMixCommands.flush");
        }

        @Override
        public void receive(int conn, LoadCommand command) {
            throw new UnsupportedOperationException("replies arrive as completions");
        }

        @Override
        public void close() {
        }
    }

    /** Reports its reply on the event loop, in the connection's reply order, before its future completes. */
    private static final class TimedCommand extends AsyncCommand<byte[], byte[], Object> {
        private final LoadCommand command;
        private final int conn;
        private final CallbackMixOpenLoop.Completions done;

        @SuppressWarnings("unchecked")
        TimedCommand(Command<byte[], byte[], ?> cmd, LoadCommand command, int conn, CallbackMixOpenLoop.Completions done) {
            super((Command<byte[], byte[], Object>) cmd);
            this.command = command;
            this.conn = conn;
            this.done = done;
        }

        @Override
        public void complete() {
            CommandOutput<byte[], byte[], Object> out = getOutput();
            if (out.hasError()) {
                fail("the error reply \"" + out.getError() + "\"");
            } else if (!LettuceDriver.fits(command, out.get())) {
                fail(out.get());
            } else {
                done.complete(conn);
            }
            super.complete();
        }

        @Override
        public boolean completeExceptionally(Throwable ex) {
            fail("an exception: " + ex);
            return super.completeExceptionally(ex);
        }

        @Override
        public void cancel() {
            fail("none: the command was cancelled (connection closed or lost)");
            super.cancel();
        }

        private void fail(Object reply) {
            try {
                LoadDriver.check(false, command, conn, reply);
            } catch (IllegalStateException e) {
                done.fail(conn, e);
            }
        }
    }
}
