package dev.tailgate.bench.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS from PEM files with the JDK's own provider, for every client (Jedis and raw RESP get an
 * {@link SSLSocket}, Lettuce the same key and trust managers) and for the TLS echo server of the
 * floor, so all of them pay for the same handshake and record layer. Hostname verification is
 * the JDK's ("HTTPS" endpoint identification), against the SNI name when one is sent.
 */
public final class TlsSupport {
    private static final char[] NO_PASSWORD = new char[0];

    private TlsSupport() {
    }

    /** The client's SSL context: trusted CA (or the JVM default), client certificate if given. */
    public static SSLContext clientContext(TlsSettings t) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            KeyManager[] keys = t.cert().isPresent() ? keyManagers(t.cert().get(), t.key().orElseThrow()).getKeyManagers() : null;
            TrustManager[] trust = t.insecure() ? new TrustManager[] {new TrustAll()}
                    : t.ca().isPresent() ? trustManagers(t.ca().get()).getTrustManagers() : null;
            ctx.init(keys, trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS: cannot set up a client context (" + e.getMessage() + ")", e);
        }
    }

    /** SNI and, unless insecure, hostname verification against {@code serverName} or {@code host}. */
    public static SSLParameters clientParameters(TlsSettings t, String host) {
        SSLParameters p = new SSLParameters();
        if (!t.insecure()) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        String name = t.serverName().orElse(host);
        if (!isIpLiteral(name)) {
            p.setServerNames(List.of(new SNIHostName(name)));
        }
        return p;
    }

    /**
     * The parameters for a client that opens a connection to each node of a cluster itself
     * (JedisCluster, Lettuce's cluster client): hostname verification unless insecure, and SNI
     * only for {@code --tls-server-name}; without it each socket's own peer host (the node's
     * address from the cluster's slot map) is sent and checked, not the first seed's.
     */
    public static SSLParameters nodeParameters(TlsSettings t) {
        SSLParameters p = new SSLParameters();
        if (!t.insecure()) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        t.serverName().filter(n -> !isIpLiteral(n)).ifPresent(n -> p.setServerNames(List.of(new SNIHostName(n))));
        return p;
    }

    /**
     * An {@link SSLSocketFactory} for JedisCluster, which opens its own socket to every node and
     * layers TLS over it with this factory: each layered socket is {@link #connect}'s (the peer
     * name is {@code --tls-server-name} or the node's host, the same parameters, the handshake
     * done before it is returned under the plain socket's read timeout), so a node's certificate
     * is checked as strictly as one server's.
     */
    public static SSLSocketFactory nodeSockets(TlsSettings t) {
        return new NodeSockets(t, clientContext(t).getSocketFactory());
    }

    /** Connects, wraps in TLS and completes the handshake, so a bad certificate fails here. */
    public static SSLSocket connect(TlsSettings t, SSLContext ctx, String host, int port, int connectMillis)
            throws IOException {
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), connectMillis);
            // the peer host given here is what the JDK checks the certificate against when the SNI
            // name does not match, so it is the server name: a certificate for the host alone fails
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, t.serverName().orElse(host), port, true);
            s.setSSLParameters(clientParameters(t, host));
            s.setSoTimeout(connectMillis);
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** A TLS listening socket on {@code bind} (any free port) with the given PEM certificate and key. */
    public static SSLServerSocket listen(InetAddress bind, Path cert, Path key) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(cert, key).getKeyManagers(), null, null);
            SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(bind, 0), 64);
            return s;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS: cannot set up a server context (" + e.getMessage() + ")", e);
        }
    }

    /** Key managers for a PEM certificate chain and its PKCS#8 (unencrypted) key. */
    public static KeyManagerFactory keyManagers(Path cert, Path key) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        List<Certificate> chain = certificates(cert, "--tls-cert");
        ks.setKeyEntry("client", privateKey(key), NO_PASSWORD, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, NO_PASSWORD);
        return kmf;
    }

    /** Trust managers for the CA certificates in a PEM file. */
    public static TrustManagerFactory trustManagers(Path ca) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate c : certificates(ca, "--tls-ca")) {
            ks.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf;
    }

    private static List<Certificate> certificates(Path file, String what) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new GeneralSecurityException(what + " " + file + ": no PEM certificate in it");
            }
            return new ArrayList<>(certs);
        } catch (IOException e) {
            throw new GeneralSecurityException(what + " " + file + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static PrivateKey privateKey(Path file) throws GeneralSecurityException {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new GeneralSecurityException("--tls-key " + file + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
        }
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException("--tls-key " + file + ": not an unencrypted PKCS#8 PEM key; convert it with "
                    + "openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"));
        byte[] der = Base64.getMimeDecoder().decode(body);
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // the PEM header does not say which algorithm: the next one may fit
            }
        }
        throw new GeneralSecurityException("--tls-key " + file + ": neither an RSA, EC nor Ed25519 key");
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** The cause of a TLS failure in one line: the deepest message, without stack or class noise. */
    public static String why(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return Optional.ofNullable(t.getMessage()).orElse(t.getClass().getSimpleName());
    }

    /** {@link #nodeSockets}: TLS over a socket the caller connected, with {@link #connect}'s name and parameters. */
    private static final class NodeSockets extends SSLSocketFactory {
        private final TlsSettings tls;
        private final SSLSocketFactory delegate;

        NodeSockets(TlsSettings tls, SSLSocketFactory delegate) {
            this.tls = tls;
            this.delegate = delegate;
        }

        @Override
        public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
            SSLSocket s = (SSLSocket) delegate.createSocket(plain, tls.serverName().orElse(host), port, autoClose);
            s.setSSLParameters(clientParameters(tls, host));
            s.startHandshake();
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return layered(new InetSocketAddress(host, port), host);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return layered(new InetSocketAddress(host, port), host);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return layered(new InetSocketAddress(host, port), host.getHostAddress());
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return layered(new InetSocketAddress(address, port), address.getHostAddress());
        }

        private Socket layered(InetSocketAddress to, String host) throws IOException {
            Socket plain = new Socket();
            try {
                plain.setTcpNoDelay(true);
                plain.connect(to);
                return createSocket(plain, host, to.getPort(), true);
            } catch (IOException | RuntimeException e) {
                plain.close();
                throw e;
            }
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }

    /** {@code --tls-insecure}: accepts any chain (the user asked, and the manifest says so). */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // insecure mode was asked for explicitly
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // insecure mode was asked for explicitly
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
