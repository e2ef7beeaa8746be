package dev.tailgate.bench.support;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a client sets up TLS to Redis: which CA to trust (empty = the JVM's default trust store),
 * an optional client certificate and key (PEM files), the name the server certificate must
 * carry (empty = the host of the target), and whether verification was switched off. Only
 * file paths are held: a key's contents never travel in a system property, a manifest or a log.
 *
 * @param ca         PEM file with the CA certificate(s) to trust
 * @param cert       PEM client certificate (with {@code key})
 * @param key        PEM PKCS#8 private key of {@code cert}
 * @param serverName name checked against the server certificate and sent as SNI
 * @param insecure   true = no chain and no name check (asked for with {@code --tls-insecure})
 */
public record TlsSettings(Optional<Path> ca, Optional<Path> cert, Optional<Path> key, Optional<String> serverName,
                          boolean insecure) {

    public TlsSettings {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(serverName, "serverName");
        if (cert.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both or neither");
        }
    }

    /** Verification on, the JVM's trust store, no client certificate. */
    public static TlsSettings defaults() {
        return new TlsSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /** "verify-full", or "insecure (no verification)": what the manifest records. */
    public String verification() {
        return insecure ? "insecure (no verification)" : "verify-full";
    }
}
