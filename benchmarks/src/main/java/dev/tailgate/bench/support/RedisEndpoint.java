package dev.tailgate.bench.support;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.resource.EpollProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Where a client connects: TCP {@code host:port}, TLS to {@code host:port}, or a Unix socket
 * file. Every client (raw RESP, Jedis, Lettuce, the harness's control connection) opens its
 * connection through here, so one target means one transport for all of them.
 *
 * @param host   host for TCP and TLS
 * @param port   port for TCP and TLS; unused (may be 0) with a socket
 * @param socket the Unix socket file; present = Unix transport
 * @param tls    present = TLS transport
 */
public record RedisEndpoint(String host, int port, Optional<Path> socket, Optional<TlsSettings> tls) {

    /** The three ways to reach Redis, as recorded in the manifest. */
    public enum Transport {
        TCP, TLS, UNIX;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RedisEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(tls, "tls");
        if (socket.isPresent() && tls.isPresent()) {
            throw new IllegalArgumentException("a Unix socket has no TLS");
        }
    }

    /** Plain TCP. */
    public static RedisEndpoint tcp(String host, int port) {
        return new RedisEndpoint(host, port, Optional.empty(), Optional.empty());
    }

    public Transport transport() {
        return socket.isPresent() ? Transport.UNIX : tls.isPresent() ? Transport.TLS : Transport.TCP;
    }

    /** {@code host:port} or the socket path, for messages. */
    public String describe() {
        return socket.map(p -> "unix socket " + p).orElse(host + ":" + port) + (tls.isPresent() ? " (TLS)" : "");
    }

    /**
     * A connected blocking socket: TCP_NODELAY on TCP and TLS; the TLS handshake done (so a bad
     * certificate fails here, not on the first command); the read timeout set where it can be.
     */
    public Socket open(int connectMillis, int readTimeoutMillis) throws IOException {
        Socket s;
        if (socket.isPresent()) {
            s = UnixSocketSupport.connect(socket.get());
        } else if (tls.isPresent()) {
            s = TlsSupport.connect(tls.get(), TlsSupport.clientContext(tls.get()), host, port, connectMillis);
        } else {
            s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(host, port), connectMillis);
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }
        s.setSoTimeout(readTimeoutMillis);
        return s;
    }

    /** The same sockets for Jedis, whose own TLS and host handling are then not used. */
    public JedisSocketFactory jedisSockets(int connectMillis, int readTimeoutMillis) {
        return () -> {
            try {
                return open(connectMillis, readTimeoutMillis);
            } catch (IOException | IllegalArgumentException e) {
                throw new JedisConnectionException("cannot connect to " + describe() + ": " + TlsSupport.why(e), e);
            }
        };
    }

    /** A Lettuce URI for this endpoint (TLS verification as asked; the trust material comes from {@link #lettuceSsl}). */
    public RedisURI.Builder lettuceUri() {
        if (socket.isPresent()) {
            return RedisURI.Builder.socket(socket.get().toString());
        }
        RedisURI.Builder b = RedisURI.Builder.redis(host, port);
        tls.ifPresent(t -> b.withSsl(true).withVerifyPeer(t.insecure() ? SslVerifyMode.NONE : SslVerifyMode.FULL));
        return b;
    }

    /** Lettuce's TLS options: the JDK provider with the same key and trust managers as the other clients. */
    public Optional<SslOptions> lettuceSsl() {
        return tls.map(t -> lettuceSsl(t, () -> TlsSupport.clientParameters(t, host)));
    }

    /**
     * A Lettuce URI for one node of a cluster reached over this endpoint's transport (TCP or TLS;
     * the seeds and the masters the cluster names share it), with TLS verification as asked.
     */
    public RedisURI.Builder lettuceNodeUri(String nodeHost, int nodePort) {
        RedisURI.Builder b = RedisURI.Builder.redis(nodeHost, nodePort);
        tls.ifPresent(t -> b.withSsl(true).withVerifyPeer(t.insecure() ? SslVerifyMode.NONE : SslVerifyMode.FULL));
        return b;
    }

    /**
     * Lettuce's TLS options for a cluster client: as {@link #lettuceSsl}, but SNI only for
     * {@code --tls-server-name} ({@link TlsSupport#nodeParameters}), so each node's own host is
     * sent and checked otherwise.
     */
    public Optional<SslOptions> lettuceClusterSsl() {
        return tls.map(t -> lettuceSsl(t, () -> TlsSupport.nodeParameters(t)));
    }

    /**
     * JedisCluster's TLS: it opens a socket to every node itself, so it gets
     * {@link TlsSupport#nodeSockets} (the same trust, key and name check as every other client)
     * in place of this endpoint's socket factory. {@code b} unchanged over TCP.
     */
    public DefaultJedisClientConfig.Builder jedisClusterTls(DefaultJedisClientConfig.Builder b) {
        tls.ifPresent(t -> b.ssl(true).sslSocketFactory(TlsSupport.nodeSockets(t)));
        return b;
    }

    private static SslOptions lettuceSsl(TlsSettings t, java.util.function.Supplier<javax.net.ssl.SSLParameters> parameters) {
        SslOptions.Builder b = SslOptions.builder().jdkSslProvider().sslParameters(parameters::get);
        try {
            if (t.cert().isPresent()) {
                b.keyManager(TlsSupport.keyManagers(t.cert().get(), t.key().orElseThrow()));
            }
            if (t.ca().isPresent() && !t.insecure()) {
                b.trustManager(TlsSupport.trustManagers(t.ca().get()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS: " + e.getMessage(), e);
        }
        return b.build();
    }

    /**
     * Why a client cannot use this endpoint, if it cannot: Lettuce reaches a Unix socket only
     * through Netty's native epoll (or kqueue) transport.
     */
    public Optional<String> unsupportedBy(String client) {
        if (transport() == Transport.UNIX && client.toLowerCase(Locale.ROOT).contains("lettuce") && !EpollProvider.isAvailable()) {
            return Optional.of("Lettuce needs Netty's native epoll transport for a Unix socket, and it is not available on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
        }
        return Optional.empty();
    }

    /** Shown in messages and logs: never a key, never a password (there is none here). */
    @Override
    public String toString() {
        return transport().label() + " " + describe();
    }
}
