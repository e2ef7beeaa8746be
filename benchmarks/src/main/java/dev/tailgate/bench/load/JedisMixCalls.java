package dev.tailgate.bench.load;

import dev.tailgate.bench.openloop.BlockingMixOpenLoop;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.RedisConnections;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * A load shape through Jedis's public API, for the fixed-rate driver of a blocking client
 * ({@link BlockingMixOpenLoop}): {@code connections} {@link Jedis} objects (speaking
 * {@code tailgate.protocol}, as every Jedis benchmark), the keys preloaded as for the
 * closed-loop mix ({@link LoadKeyspace}) and the same seeded draws ({@link MixDraws}).
 *
 * <p>With {@code pipeline} 1 each command is the plain call ({@code jedis.get(key)},
 * {@code jedis.set(key, value, PX ttl)}, ...), made when it is queued; with more, each connection
 * has one {@link Pipeline}, reused: the batch's commands are appended and {@code sync()} writes
 * them and reads every reply. Either way what a caller of Jedis would write, unlike the closed-loop
 * {@code JedisDriver}, which keeps batches in flight on Jedis's {@code Connection} layer.
 *
 * <p>Each reply is checked against its command as the closed-loop mix checks it: an error reply
 * or a reply of another type fails the call with one line naming the command and the connection;
 * a broken connection with one line naming it and the target.
 */
public final class JedisMixCalls implements BlockingMixOpenLoop.Transport, AutoCloseable {
    private final LoadKeyspace keyspace;
    private final Calls calls;
    private final MixDraws draws;
    private final LoadCommand[] commands;
    private final int[] queued;
    private int count;
    private final String target;

    private JedisMixCalls(LoadKeyspace keyspace, Calls calls, LoadShape shape, long seed, String target) {
        this.keyspace = keyspace;
        this.calls = calls;
        this.draws = new MixDraws(shape, keyspace, seed);
        this.commands = shape.mix().commands().toArray(new LoadCommand[0]);
        this.queued = new int[shape.pipeline()];
        this.target = target;
    }

    /**
     * Preloads the keys of {@code shape}'s mix under a namespace of this trial's own, then opens
     * {@code shape.connections()} Jedis connections.
     */
    public static JedisMixCalls open(BenchConfig cfg, String shortName, LoadShape shape, long seed) {
        return LoadKeyspace.createThen(cfg, shortName, shape, seed, ks -> new JedisMixCalls(ks,
                Calls.open(cfg, shape, ks.ttl()), shape, seed, cfg.endpoint().describe()));
    }

    /** The mix's commands; {@link #queue}'s result indexes this list. */
    public List<LoadCommand> commands() {
        return List.of(commands);
    }

    @Override
    public int connections() {
        return calls.jedis.size();
    }

    @Override
    public int queue(int conn) throws IOException {
        try {
            int k = draws.send(calls, conn);
            queued[count++] = k;
            return k;
        } catch (JedisConnectionException e) {
            count = 0;
            throw broken(conn, e);
        }
    }

    @Override
    public void call(int conn) throws IOException {
        try {
            calls.flush(conn);
            for (int i = 0; i < count; i++) {
                calls.receive(conn, commands[queued[i]]);
            }
        } catch (JedisConnectionException e) {
            throw broken(conn, e);
        } finally {
            count = 0;
        }
    }

    private IOException broken(int conn, RuntimeException e) {
        return new IOException("connection " + conn + " to " + target + ": " + e.getMessage(), e);
    }

    /** Closes the connections, then removes the trial's keys. */
    @Override
    public void close() {
        try {
            calls.close();
        } finally {
            keyspace.close();
        }
    }

    /** The calls themselves, as the draws send them: plain calls or one pipeline per connection. */
    private static final class Calls implements LoadDriver {
        private static final CommandObject<String> PING =
                new CommandObject<>(new CommandArguments(Protocol.Command.PING), BuilderFactory.STRING);

        private final List<Jedis> jedis;
        private final Pipeline[] pipelines;
        private final Object[] replies;
        private final Response<?>[][] responses;
        private final int[] read;
        private final int[] appended;
        private final SetParams set;

        private Calls(List<Jedis> jedis, int pipeline, long ttlMillis) {
            this.jedis = jedis;
            this.pipelines = pipeline == 1 ? null : jedis.stream().map(Jedis::pipelined).toArray(Pipeline[]::new);
            this.replies = new Object[jedis.size()];
            this.responses = new Response<?>[jedis.size()][pipeline];
            this.read = new int[jedis.size()];
            this.appended = new int[jedis.size()];
            this.set = ttlMillis > 0 ? SetParams.setParams().px(ttlMillis) : null;
        }

        static Calls open(BenchConfig cfg, LoadShape shape, long ttlMillis) {
            List<Jedis> open = new ArrayList<>(shape.connections());
            try {
                for (int i = 0; i < shape.connections(); i++) {
                    open.add(RedisConnections.jedis(cfg));
                }
                return new Calls(open, shape.pipeline(), ttlMillis);
            } catch (RuntimeException e) {
                open.forEach(Jedis::close);
                throw e;
            }
        }

        @Override
        public void send(int conn, LoadCommand command, byte[] key, byte[] value) {
            if (pipelines == null) {
                try {
                    replies[conn] = call(jedis.get(conn), command, key, value);
                } catch (JedisDataException e) {
                    replies[conn] = e;
                }
            } else {
                responses[conn][appended[conn]++] = append(pipelines[conn], command, key, value);
            }
        }

        private Object call(Jedis j, LoadCommand command, byte[] key, byte[] value) {
            return switch (command) {
                case GET -> j.get(key);
                case SET -> set == null ? j.set(key, value) : j.set(key, value, set);
                case PING -> j.ping();
                case INCR -> j.incr(key);
                case HGET -> j.hget(key, LoadKeyspace.FIELD);
                case HSET -> j.hset(key, LoadKeyspace.FIELD, value);
                case LPUSH -> j.lpush(key, value);
                case RPOP -> j.rpop(key);
            };
        }

        private Response<?> append(Pipeline p, LoadCommand command, byte[] key, byte[] value) {
            return switch (command) {
                case GET -> p.get(key);
                case SET -> set == null ? p.set(key, value) : p.set(key, value, set);
                case PING -> p.appendCommand(PING); // Pipeline has no ping(): Jedis's PING, status reply as a String
                case INCR -> p.incr(key);
                case HGET -> p.hget(key, LoadKeyspace.FIELD);
                case HSET -> p.hset(key, LoadKeyspace.FIELD, value);
                case LPUSH -> p.lpush(key, value);
                case RPOP -> p.rpop(key);
            };
        }

        @Override
        public void flush(int conn) {
            if (pipelines != null) {
                pipelines[conn].sync();
            }
        }

        @Override
        public void receive(int conn, LoadCommand command) {
            Object r;
            if (pipelines == null) {
                r = replies[conn];
                replies[conn] = null;
            } else {
                Response<?> response = responses[conn][read[conn]];
                responses[conn][read[conn]] = null;
                if (++read[conn] == appended[conn]) {
                    read[conn] = 0;
                    appended[conn] = 0;
                }
                try {
                    r = response.get();
                } catch (JedisDataException e) {
                    r = e;
                }
            }
            if (r instanceof JedisDataException e) {
                LoadDriver.check(false, command, conn, "the error reply \"" + e.getMessage() + "\"");
            }
            boolean ok = switch (command) {
                case GET, HGET -> r instanceof byte[];
                case SET, PING -> r instanceof String;
                case INCR, HSET, LPUSH -> r instanceof Long;
                case RPOP -> r == null || r instanceof byte[];
            };
            LoadDriver.check(ok, command, conn, r);
        }

        @Override
        public void close() {
            jedis.forEach(Jedis::close);
        }
    }
}
