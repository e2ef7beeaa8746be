package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import dev.tailgate.redis.launch.ThrowawayCerts;
import dev.tailgate.redis.launch.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Every client reaches a real redis-server over TLS (certificates made by openssl at start)
 * and over a Unix socket, as the forks do: from {@code tailgate.redis.*} properties. TLS is
 * verified: a CA that did not sign the server's certificate fails every client at connect, a
 * name the certificate does not carry fails the blocking clients (the harness's check before a
 * run among them); {@code tls.insecure} is what lets such a server through.
 */
class TransportConnectionsTest {
    private static final BenchId ID = new BenchId("transport.test", Map.of());

    @TempDir
    Path tmp;

    private static BenchConfig tlsConfig(RedisServer redis, Map<String, String> tls) {
        Map<String, String> p = new HashMap<>(Map.of(BenchConfig.PORT, Integer.toString(redis.port()),
                BenchConfig.PIN, "false", BenchConfig.TLS, "true"));
        p.putAll(tls);
        return BenchConfig.of(p);
    }

    private static void allClientsWork(BenchConfig cfg) throws IOException {
        try (RawRespConnection raw = RedisConnections.raw(cfg)) {
            assertEquals(new RespReply.Simple("PONG"), raw.call(RespCommands.encode("PING")));
        }
        try (Jedis jedis = RedisConnections.jedis(cfg)) {
            jedis.set("tailgate:bench:transport", "v");
            assertEquals("v", jedis.get("tailgate:bench:transport"));
            jedis.del("tailgate:bench:transport");
        }
        try (LettuceConnection lettuce = LettuceConnection.open(cfg, ID)) {
            assertEquals("PONG", lettuce.connection().sync().ping());
        }
    }

    @Test
    void everyClientSpeaksVerifiedTlsAndAPlainConnectionGetsNoReply() throws IOException {
        Path certDir;
        try (RedisServer redis = RedisFixture.start(Topology.TLS)) {
            ThrowawayCerts certs = redis.certificates().orElseThrow();
            certDir = certs.dir();
            allClientsWork(tlsConfig(redis, Map.of(BenchConfig.TLS_CA, certs.ca().toString(),
                    BenchConfig.TLS_SERVER_NAME, "localhost")));
            allClientsWork(tlsConfig(redis, Map.of(BenchConfig.TLS_CA, certs.ca().toString(),
                    BenchConfig.TLS_CERT, certs.clientCert().toString(), BenchConfig.TLS_KEY, certs.clientKey().toString())));
            BenchConfig plain = BenchConfig.of(Map.of(BenchConfig.PORT, Integer.toString(redis.port()), BenchConfig.PIN, "false"));
            try (Jedis j = RedisConnections.jedis(plain)) {
                assertThrows(JedisConnectionException.class, j::ping, "a plain TCP client must not get a reply from a TLS port");
            } catch (JedisConnectionException expectedOnConnect) {
                // the server may close the plain connection already during connect
            }
        }
        assertFalse(Files.exists(certDir), "throwaway CA and keys left behind in " + certDir);
    }

    @Test
    void aForeignCaOrAnotherNameFailsAtConnectAndInsecureIsWhatLetsItThrough() {
        ThrowawayCerts foreign = ThrowawayCerts.generate(tmp);
        try (RedisServer redis = RedisFixture.start(Topology.TLS)) {
            BenchConfig wrongCa = tlsConfig(redis, Map.of(BenchConfig.TLS_CA, foreign.ca().toString()));
            JedisConnectionException ca = assertThrows(JedisConnectionException.class, () -> RedisConnections.jedis(wrongCa));
            assertTrue(ca.getMessage().contains("trust anchors"), ca.getMessage());
            assertThrows(RuntimeException.class, () -> RedisConnections.raw(wrongCa).close());
            assertThrows(RuntimeException.class, () -> LettuceConnection.open(wrongCa, ID).close());

            BenchConfig wrongName = tlsConfig(redis, Map.of(BenchConfig.TLS_CA, redis.certificates().orElseThrow().ca().toString(),
                    BenchConfig.TLS_SERVER_NAME, "not-the-server.example"));
            JedisConnectionException name = assertThrows(JedisConnectionException.class, () -> RedisConnections.jedis(wrongName));
            assertTrue(name.getMessage().contains("not-the-server.example"), name.getMessage());
            assertThrows(RuntimeException.class, () -> RedisConnections.raw(wrongName).close());

            BenchConfig insecure = tlsConfig(redis, Map.of(BenchConfig.TLS_INSECURE, "true"));
            try (Jedis j = RedisConnections.jedis(insecure)) {
                assertEquals("PONG", j.ping());
            }
        }
    }

    @Test
    void everyClientUsesTheUnixSocketAndItIsGoneAfterStop() throws IOException {
        Path socket;
        try (RedisServer redis = RedisFixture.start(Topology.UNIX)) {
            socket = redis.endpoint().socket().orElseThrow();
            assertTrue(Files.exists(socket), socket.toString());
            BenchConfig cfg = BenchConfig.of(Map.of(BenchConfig.PORT, "0", BenchConfig.SOCKET, socket.toString(),
                    BenchConfig.PIN, "false"));
            try (RawRespConnection raw = RedisConnections.raw(cfg)) {
                assertEquals(new RespReply.Simple("PONG"), raw.call(RespCommands.encode("PING")));
            }
            try (Jedis jedis = RedisConnections.jedis(cfg)) {
                assertEquals("0", jedis.configGet("port").get("port"), "the server listens on the socket only");
            }
            try (LettuceConnection lettuce = LettuceConnection.open(cfg, ID)) {
                assertEquals("PONG", lettuce.connection().sync().ping());
            }
        }
        assertFalse(Files.exists(socket), socket + " left behind");
        BenchConfig gone = BenchConfig.of(Map.of(BenchConfig.PORT, "0", BenchConfig.SOCKET, socket.toString()));
        RuntimeException e = assertThrows(RuntimeException.class, () -> RedisConnections.raw(gone).close());
        assertTrue(e.getMessage().contains(socket.toString()), e.getMessage());
    }

    @Test
    void aSocketWithTlsOrAZeroPortWithoutSocketIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.of(Map.of(BenchConfig.SOCKET, "/tmp/x.sock",
                BenchConfig.TLS, "true")));
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.of(Map.of(BenchConfig.PORT, "0")));
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.of(Map.of(BenchConfig.TLS, "true",
                BenchConfig.TLS_CERT, "/tmp/c.pem")));
    }

    @Test
    void theFloorEchoesOverEveryTransport() throws IOException {
        for (String kind : new String[] {"tcp", "tls", "unix"}) {
            try (FloorTransport floor = FloorTransport.start(kind, EchoServer.ThreadSetup.NONE);
                 java.net.Socket s = floor.connect()) {
                byte[] payload = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
                s.getOutputStream().write(payload);
                byte[] back = s.getInputStream().readNBytes(payload.length);
                assertEquals(new String(payload, StandardCharsets.US_ASCII), new String(back, StandardCharsets.US_ASCII), kind);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> FloorTransport.start("quic", EchoServer.ThreadSetup.NONE));
    }
}
