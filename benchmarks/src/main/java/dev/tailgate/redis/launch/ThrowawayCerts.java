package dev.tailgate.redis.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CA, a server certificate for {@code localhost} and {@code 127.0.0.1}, and a client
 * certificate, all made with {@code openssl} in a directory of the caller's (the launcher's
 * temp directory, deleted when the server stops). They live for one server: nothing trusts this
 * CA but the clients told to. EC P-256 keys, so that making them costs little at start-up.
 *
 * @param dir        where the files are
 * @param ca         the CA certificate (PEM), what clients trust
 * @param serverCert the server certificate, signed by the CA
 * @param serverKey  its PKCS#8 key
 * @param clientCert a client certificate signed by the CA (mutual TLS)
 * @param clientKey  its PKCS#8 key
 */
public record ThrowawayCerts(Path dir, Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
    private static final long OPENSSL_TIMEOUT_SECONDS = 60;

    /** Makes the files in {@code dir}; a missing or failing openssl is a one-line launch failure. */
    public static ThrowawayCerts generate(Path dir) {
        Path caKey = dir.resolve("ca.key");
        ThrowawayCerts c = new ThrowawayCerts(dir, dir.resolve("ca.crt"), dir.resolve("server.crt"),
                dir.resolve("server.key"), dir.resolve("client.crt"), dir.resolve("client.key"));
        try {
            Path ext = dir.resolve("server.ext");
            Files.writeString(ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\n", StandardCharsets.US_ASCII);
            openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", caKey.toString(), "-out", c.ca.toString(), "-days", "7", "-subj", "/CN=tailgate throwaway CA");
            signed(dir, caKey, c.ca, c.serverKey, c.serverCert, "/CN=localhost", List.of("-extfile", ext.toString()));
            signed(dir, caKey, c.ca, c.clientKey, c.clientCert, "/CN=tailgate-client", List.of());
            return c;
        } catch (IOException e) {
            throw new RedisLaunchException("--topology tls: cannot make a throwaway CA with openssl (" + e.getMessage() + ")");
        }
    }

    private static void signed(Path dir, Path caKey, Path ca, Path key, Path cert, String subject, List<String> extra)
            throws IOException {
        Path csr = dir.resolve(cert.getFileName() + ".csr");
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", subject);
        List<String> args = new ArrayList<>(List.of("x509", "-req", "-in", csr.toString(), "-CA", ca.toString(),
                "-CAkey", caKey.toString(), "-CAcreateserial", "-out", cert.toString(), "-days", "7"));
        args.addAll(extra);
        openssl(dir, args.toArray(new String[0]));
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Path err = dir.resolve("openssl.err");
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new IOException("openssl not found on PATH; install it or use --topology standalone", e);
        }
        try {
            if (!p.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("openssl " + args[0] + " took more than " + OPENSSL_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while openssl ran", e);
        }
        if (p.exitValue() != 0) {
            String why = Files.readString(err, StandardCharsets.UTF_8).lines().findFirst().orElse("no message");
            throw new IOException("openssl " + args[0] + " exited " + p.exitValue() + ": " + why);
        }
    }
}
