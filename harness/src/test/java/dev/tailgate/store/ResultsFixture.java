package dev.tailgate.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Builds a results directory in a temp dir and fingerprints trees to prove what was touched. */
public final class ResultsFixture {
    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private ResultsFixture() {
    }

    /** A run dir with manifest startedAt = NOW - daysAgo, status, and a jmh.json. */
    public static Path run(Path results, String id, int daysAgo, String status) throws IOException {
        Path dir = Files.createDirectories(results.resolve(id));
        Files.writeString(dir.resolve("manifest.json"), "{\"startedAt\":\""
                + NOW.minusSeconds(daysAgo * 86_400L) + "\",\"status\":\"" + status.toUpperCase(java.util.Locale.ROOT)
                + "\",\"command\":\"tailgate run --suite smoke\"}");
        Files.writeString(dir.resolve("jmh.json"), "[{\"benchmark\":\"" + id + "\"}]");
        Files.createDirectories(dir.resolve("histograms"));
        Files.writeString(dir.resolve("histograms/get-fork1.hlog"), "#[Histogram log] " + id);
        return dir;
    }

    /** A run dir with only jmh.json (JMH's own CLI output moved in), aged by its mtime. */
    public static Path bareRun(Path results, String id, int daysAgo) throws IOException {
        Path dir = Files.createDirectories(results.resolve(id));
        Files.writeString(dir.resolve("jmh.json"), "[]");
        Files.setLastModifiedTime(dir, FileTime.from(NOW.minusSeconds(daysAgo * 86_400L)));
        return dir;
    }

    /** Relative path -> SHA-256 of every file below {@code root} (empty if it is absent). */
    public static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                    throws IOException {
                if (attrs.isSymbolicLink()) {
                    out.put(root.relativize(file).toString(), "-> " + Files.readSymbolicLink(file));
                    return FileVisitResult.CONTINUE;
                }
                try {
                    out.put(root.relativize(file).toString(), HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    public static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
