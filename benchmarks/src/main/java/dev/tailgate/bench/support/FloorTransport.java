package dev.tailgate.bench.support;

import dev.tailgate.redis.launch.ServerTransport;
import dev.tailgate.redis.launch.ThrowawayCerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The echo server of the network floor over one transport, and the client sockets to it:
 * {@code tcp} (loopback TCP), {@code tls} (TLS over loopback TCP, with a throwaway CA made by
 * openssl for the trial, the JDK provider on both ends, hostname verified like a Redis client
 * does) or {@code unix} (a Unix socket in a temp directory). The echo loop and the client's
 * round trip are the same code for all three, so "floor over TLS minus floor over TCP" is what
 * TLS costs, and the Unix floor is what a local socket saves.
 *
 * <p>Certificates, keys and the socket file live in a temp directory of the trial, deleted at
 * trial teardown; nothing of it is timed.
 */
public final class FloorTransport implements AutoCloseable {
    private final String kind;
    private final Optional<Path> dir;
    private final EchoServer echo;
    private final Optional<TlsSettings> tls;
    private final Optional<SSLContext> ctx;

    private FloorTransport(String kind, Optional<Path> dir, EchoServer echo, Optional<TlsSettings> tls) {
        this.kind = kind;
        this.dir = dir;
        this.echo = echo;
        this.tls = tls;
        this.ctx = tls.map(TlsSupport::clientContext);
    }

    /** Starts the echo server over {@code kind} (tcp, tls, unix) with the given thread setup. */
    public static FloorTransport start(String kind, EchoServer.ThreadSetup setup) {
        String k = kind.strip().toLowerCase(Locale.ROOT);
        if (k.equals("tcp")) {
            return new FloorTransport(k, Optional.empty(), EchoServer.start(InetAddress.getLoopbackAddress(), 0, setup),
                    Optional.empty());
        }
        if (!k.equals("tls") && !k.equals("unix")) {
            throw new IllegalArgumentException("transport=" + kind + ": expected tcp|tls|unix");
        }
        Path d = null;
        try {
            d = Files.createTempDirectory("tailgate-floor-" + k);
            if (k.equals("unix")) {
                return new FloorTransport(k, Optional.of(d), EchoServer.on(UnixSocketSupport.listen(d.resolve("echo.sock")),
                        setup), Optional.empty());
            }
            ThrowawayCerts certs = ThrowawayCerts.generate(d);
            EchoServer e = EchoServer.on(TlsSupport.listen(InetAddress.getLoopbackAddress(), certs.serverCert(),
                    certs.serverKey()), setup);
            return new FloorTransport(k, Optional.of(d), e, Optional.of(new TlsSettings(Optional.of(certs.ca()),
                    Optional.empty(), Optional.empty(), Optional.of("localhost"), false)));
        } catch (IOException | RuntimeException e) {
            if (d != null) {
                delete(d);
            }
            throw e instanceof IOException io ? new UncheckedIOException("floor over " + k + ": cannot start the echo server", io)
                    : (RuntimeException) e;
        }
    }

    /** A client socket to the echo server, connected (and, for TLS, past the handshake). */
    public Socket connect() throws IOException {
        Socket s;
        if (kind.equals("unix")) {
            s = UnixSocketSupport.connect(dir.orElseThrow().resolve("echo.sock"));
        } else if (tls.isPresent()) {
            s = TlsSupport.connect(tls.get(), ctx.orElseThrow(), "127.0.0.1", echo.port(), 5_000);
        } else {
            s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(echo.address(), 5_000);
        }
        s.setSoTimeout(30_000);
        return s;
    }

    public String kind() {
        return kind;
    }

    @Override
    public void close() {
        try {
            echo.close();
        } finally {
            dir.ifPresent(FloorTransport::delete);
        }
    }

    private static void delete(Path d) {
        ServerTransport.deleteQuietly(d);
    }
}
