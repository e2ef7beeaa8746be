package dev.tailgate.redis;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * One line for a connection that failed below Redis: the target, and the transport-level cause
 * in words a user can act on (an untrusted certificate names the CA option, a name mismatch the
 * server-name option, a missing socket file its path). Never a secret: certificate and key
 * contents are never read into a message, only paths.
 */
public final class TransportErrors {
    private TransportErrors() {
    }

    /**
     * {@code --target URL: <what> (<cause>)}; TLS failures say "TLS handshake failed" and what
     * to check. {@code what} is the caller's word for an unreachable target.
     */
    public static String unreachable(RedisTarget t, Throwable e, String what) {
        List<Throwable> chain = chain(e);
        String root = message(chain.get(chain.size() - 1));
        if (t.tls().isPresent() && chain.stream().anyMatch(c -> c instanceof SSLException || c instanceof CertificateException
                || c instanceof CertPathValidatorException)) {
            return "--target " + t.url() + ": TLS handshake failed (" + root + ")" + hint(t, root);
        }
        return "--target " + t.url() + ": " + what + " (" + root + ")";
    }

    private static String hint(RedisTarget t, String root) {
        String r = root.toLowerCase(Locale.ROOT);
        if (r.contains("trust anchor") || r.contains("certification path") || r.contains("path building")) {
            return "; the server certificate is not signed by " + t.tls().get().ca().map(p -> "--tls-ca " + p)
                    .orElse("a CA in the JVM's trust store (give --tls-ca)");
        }
        if (r.contains("subject alternative") || r.contains("no name matching") || r.contains("doesn't match")) {
            return "; the server certificate does not name " + t.tls().get().serverName().orElse(t.host())
                    + " (give --tls-server-name)";
        }
        if (r.contains("unrecognized ssl message") || r.contains("plaintext")) {
            return "; the server does not speak TLS on this port (use redis://)";
        }
        return "";
    }

    private static List<Throwable> chain(Throwable e) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable c = e; c != null && !out.contains(c); c = c.getCause()) {
            out.add(c);
        }
        return out;
    }

    private static String message(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse(""));
    }
}
