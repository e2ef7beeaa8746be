package dev.tailgate.ledger;

import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The I/O half of a draft, for the commands that append (gate, compare): digests of the input
 * files, this host and user. Kept out of {@link LedgerEntryDraft} so that the draft stays a
 * pure value.
 */
public final class Provenance {
    private Provenance() {
    }

    /** SHA-256 of each file, by the name the entry should show (e.g. {@code jmh.json}). */
    public static SortedMap<String, String> digests(Map<String, Path> inputs) {
        return digests(inputs, Prefetched.none());
    }

    /** {@link #digests(Map)}, taking the ones {@code prefetched} already has. */
    public static SortedMap<String, String> digests(Map<String, Path> inputs, Prefetched prefetched) {
        SortedMap<String, String> out = new TreeMap<>();
        inputs.forEach((name, file) -> out.put(name, prefetched.sha256Hex(file)));
        return out;
    }

    /**
     * Digests of a command's large inputs, computed on a background thread while the command
     * reads and judges them: hashing hundreds of megabytes of JMH JSON takes a noticeable part of
     * the command's time, which otherwise came after everything else (and by {@code openssl} or in a child JVM when this
     * one runs C1 only, see {@link OpensslDigest} and {@link DigestJvm}). A digest is used only if the file's size and
     * modification time are still what they were when its hashing began; otherwise, and for any
     * file not prefetched, it is computed on the spot as before. A failure to read surfaces when
     * the digest is asked for, exactly as without prefetching.
     */
    public static final class Prefetched {
        private record Pending(long size, FileTime modified, CompletableFuture<String> digest) {
        }

        private final Map<Path, Pending> pending;

        private Prefetched(Map<Path, Pending> pending) {
            this.pending = pending;
        }

        public static Prefetched none() {
            return new Prefetched(Map.of());
        }

        /** Starts hashing {@code files} in order on one daemon thread; unreadable files are left to the caller. */
        public static Prefetched start(List<Path> files) {
            Map<Path, Pending> pending = new LinkedHashMap<>();
            for (Path f : files) {
                Path key = f.toAbsolutePath().normalize();
                try {
                    pending.putIfAbsent(key, new Pending(Files.size(key), Files.getLastModifiedTime(key), new CompletableFuture<>()));
                } catch (IOException | RuntimeException e) {
                    // not prefetched: the command reports the problem when it reads the file
                }
            }
            if (pending.isEmpty()) {
                return none();
            }
            Thread t = new Thread(() -> hash(pending), "tailgate-digest");
            t.setDaemon(true);
            t.start();
            return new Prefetched(Map.copyOf(pending));
        }

        /**
         * When this JVM has no C2: by {@code openssl} ({@link OpensslDigest}), else in a child JVM
         * ({@link DigestJvm}); here for whatever those did not give.
         */
        private static void hash(Map<Path, Pending> pending) {
            List<Path> files = List.copyOf(pending.keySet());
            String[] child = new String[files.size()];
            if (DigestJvm.withoutC2()) {
                OpensslDigest.fill(files, child);
                DigestJvm.fill(files, child);
            }
            for (int i = 0; i < child.length; i++) {
                CompletableFuture<String> f = pending.get(files.get(i)).digest();
                if (child[i] != null) {
                    f.complete(child[i]);
                    continue;
                }
                try {
                    f.complete(Provenance.sha256Hex(files.get(i)));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            }
        }

        String sha256Hex(Path file) {
            Path key = file.toAbsolutePath().normalize();
            Pending p = pending.get(key);
            if (p != null) {
                try {
                    String digest = p.digest().join();
                    if (Files.size(key) == p.size() && Files.getLastModifiedTime(key).equals(p.modified())) {
                        return digest;
                    }
                } catch (IOException | CompletionException e) {
                    // changed, gone or unreadable since: hash it now, which reports the problem
                }
            }
            return Provenance.sha256Hex(file);
        }
    }

    /** SHA-256 of a file's bytes, lower-case hex. */
    public static String sha256Hex(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read it to record its SHA-256 in the"
                    + " ledger: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** This machine's host name, else {@code unknown}. */
    public static String host() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h == null || h.isBlank() ? "unknown" : h;
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown" : env;
        }
    }

    /** The OS user running tailgate, else {@code unknown}. */
    public static String user() {
        String u = System.getProperty("user.name");
        return u == null || u.isBlank() ? "unknown" : u;
    }
}
