package dev.tailgate.redis.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each topology writes into redis.conf, and when a rejected key means "no such server here". */
class ServerTransportTest {
    private static final RedisBinary NO_TLS = new RedisBinary(Path.of("/opt/redis/redis-server"), "PATH", "7.2.4");

    @Test
    void aServerThatRejectsATlsKeyIsRefusedInOneLineNotStartedWithoutIt() {
        ServerTransport tls = new ServerTransport(Topology.TLS, Optional.of(Path.of("/tmp/t")), Optional.empty());
        String line = tls.refusal("tls-port", NO_TLS).orElseThrow();
        assertTrue(line.startsWith("--topology tls: redis-server /opt/redis/redis-server (7.2.4) rejects tls-port"), line);
        assertTrue(line.contains("built without TLS support") && line.contains("--topology standalone"), line);
        assertEquals(1, line.lines().count());
        assertEquals(Optional.empty(), tls.refusal("io-threads-do-reads", NO_TLS), "a profile key is still dropped and listed");
        ServerTransport unix = new ServerTransport(Topology.UNIX, Optional.of(Path.of("/tmp/u")), Optional.empty());
        assertTrue(unix.refusal("unixsocketperm", NO_TLS).isPresent());
        ServerTransport tcp = new ServerTransport(Topology.STANDALONE, Optional.empty(), Optional.empty());
        assertEquals(Optional.empty(), tcp.refusal("tls-port", NO_TLS));
    }

    @Test
    void eachTopologyListensOnlyWhereItsClientsConnect() {
        assertEquals(List.of("port 7000"), new ServerTransport(Topology.STANDALONE, Optional.empty(), Optional.empty())
                .listenLines(7000));
        ServerTransport unix = new ServerTransport(Topology.UNIX, Optional.of(Path.of("/tmp/u")), Optional.empty());
        assertEquals(List.of("port 0", "unixsocket /tmp/u/redis.sock", "unixsocketperm 700"), unix.listenLines(7000));
        assertEquals(Optional.of(Path.of("/tmp/u/redis.sock")), unix.endpoint("127.0.0.1", 7000).socket());
        Path d = Path.of("/tmp/t");
        ThrowawayCerts certs = new ThrowawayCerts(d, d.resolve("ca.crt"), d.resolve("server.crt"), d.resolve("server.key"),
                d.resolve("client.crt"), d.resolve("client.key"));
        ServerTransport tls = new ServerTransport(Topology.TLS, Optional.of(d), Optional.of(certs));
        List<String> lines = tls.listenLines(7000);
        assertEquals("port 0", lines.get(0));
        assertTrue(lines.contains("tls-port 7000") && lines.contains("tls-ca-cert-file /tmp/t/ca.crt"), lines.toString());
        assertEquals(Optional.of("localhost"), tls.endpoint("127.0.0.1", 7000).tls().orElseThrow().serverName());
        assertEquals(false, tls.endpoint("127.0.0.1", 7000).tls().orElseThrow().insecure(), "the launcher's TLS is verified");
    }

    @Test
    void aTlsClusterNodeHasATlsBusTheClustersCertificatesAndItsOwnRefusal() {
        Path d = Path.of("/tmp/c");
        ThrowawayCerts certs = new ThrowawayCerts(d, d.resolve("ca.crt"), d.resolve("server.crt"), d.resolve("server.key"),
                d.resolve("client.crt"), d.resolve("client.key"));
        ServerTransport node = ServerTransport.clusterNode(certs);
        List<String> lines = node.listenLines(7000);
        assertTrue(lines.contains("port 0") && lines.contains("tls-port 7000") && lines.contains("tls-cluster yes"),
                lines.toString());
        assertTrue(lines.contains("tls-ca-cert-file /tmp/c/ca.crt"), lines.toString());
        assertEquals(Optional.empty(), node.dir(), "the cluster owns and deletes the certificates");
        assertEquals(Optional.of(Path.of("/tmp/c/ca.crt")), node.endpoint("127.0.0.1", 7000).tls().orElseThrow().ca());
        String line = node.refusal("tls-port", NO_TLS).orElseThrow();
        assertTrue(line.startsWith("--topology tls-cluster: redis-server /opt/redis/redis-server (7.2.4) rejects tls-port"),
                line);
        assertTrue(line.contains("built without TLS support; use --topology cluster "), line);
        assertTrue(!new ServerTransport(Topology.TLS, Optional.of(d), Optional.of(certs)).listenLines(7000)
                .contains("tls-cluster yes"), "one TLS server has no bus");
    }

    @Test
    void topologyNamesAreCheckedAndAClusterIsNotATransport() {
        assertEquals(Topology.TLS, Topology.parse(" TLS "));
        IllegalArgumentException cluster = assertThrows(IllegalArgumentException.class, () -> Topology.parse("cluster:3"));
        assertTrue(cluster.getMessage().contains("not a transport"), cluster.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Topology.parse("quic"));
    }
}
