package dev.tailgate.bench.load;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.RedisConnections;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.Protocol;

/**
 * The load shape through Jedis's {@code Connection}, the layer its {@code Jedis} and
 * {@code Pipeline} objects sit on: Jedis encodes each command and parses each reply, as in any
 * Jedis call, but a connection's batch stays in flight while the thread serves the other
 * connections (a {@code Pipeline} reads its replies as part of the call that writes it). Speaks {@code tailgate.protocol}, like every Jedis benchmark.
 */
final class JedisDriver implements LoadDriver {
    private static final byte[] PX = "PX".getBytes(StandardCharsets.US_ASCII);

    /** Jedis keeps {@code flush} protected; the driver needs it to put every batch in flight. */
    static final class FlushableConnection extends Connection {
        FlushableConnection(JedisSocketFactory sockets, JedisClientConfig config) {
            super(sockets, config);
        }

        void flushNow() {
            flush();
        }
    }

    private final List<FlushableConnection> connections;
    private final byte[] ttlMillis;

    private JedisDriver(List<FlushableConnection> connections, byte[] ttlMillis) {
        this.connections = connections;
        this.ttlMillis = ttlMillis;
    }

    static JedisDriver open(BenchConfig cfg, int connections, byte[] ttlMillis) {
        List<FlushableConnection> open = new ArrayList<>(connections);
        try {
            for (int i = 0; i < connections; i++) {
                open.add(new FlushableConnection(RedisConnections.jedisSockets(cfg), RedisConnections.jedisConfig(cfg)));
            }
        } catch (RuntimeException e) {
            open.forEach(Connection::close);
            throw e;
        }
        return new JedisDriver(open, ttlMillis);
    }

    @Override
    public void send(int conn, LoadCommand command, byte[] key, byte[] value) {
        Connection c = connections.get(conn);
        switch (command) {
            case GET -> c.sendCommand(Protocol.Command.GET, key);
            case SET -> {
                if (ttlMillis != null) {
                    c.sendCommand(Protocol.Command.SET, key, value, PX, ttlMillis);
                } else {
                    c.sendCommand(Protocol.Command.SET, key, value);
                }
            }
            case PING -> c.sendCommand(Protocol.Command.PING);
            case INCR -> c.sendCommand(Protocol.Command.INCR, key);
            case HGET -> c.sendCommand(Protocol.Command.HGET, key, LoadKeyspace.FIELD);
            case HSET -> c.sendCommand(Protocol.Command.HSET, key, LoadKeyspace.FIELD, value);
            case LPUSH -> c.sendCommand(Protocol.Command.LPUSH, key, value);
            case RPOP -> c.sendCommand(Protocol.Command.RPOP, key);
        }
    }

    @Override
    public void flush(int conn) {
        connections.get(conn).flushNow();
    }

    @Override
    public void receive(int conn, LoadCommand command) {
        Object r = connections.get(conn).getUnflushedObject();
        boolean ok = switch (command) {
            case GET, HGET, SET, PING -> r instanceof byte[];
            case INCR, HSET, LPUSH -> r instanceof Long;
            case RPOP -> r == null || r instanceof byte[];
        };
        LoadDriver.check(ok, command, conn, r);
    }

    @Override
    public void close() {
        connections.forEach(Connection::close);
    }
}
