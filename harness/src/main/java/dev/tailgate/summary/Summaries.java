package dev.tailgate.summary;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tailgate.fingerprint.Fingerprint;
import dev.tailgate.fingerprint.FingerprintJson;
import dev.tailgate.ingest.RunLoader;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.Run;
import dev.tailgate.model.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads and writes {@code summary.json} in a run directory. A summary is trusted only while it
 * is readable, of this schema, and the files it was derived from (manifest, JMH results,
 * fingerprint) have the size and modification time it recorded; otherwise it is derived again
 * from the run and rewritten. The run directory stays the source of truth.
 */
public final class Summaries {
    private static final List<String> SOURCES = List.of(RunLoader.MANIFEST, RunLoader.JMH_JSON, FingerprintJson.FILE_NAME);

    /**
     * A run's summary as history uses it.
     *
     * @param hash SHA-256 of the summary's bytes: what the index compares
     */
    public record Loaded(Summary summary, String hash) {
    }

    private Summaries() {
    }

    /** The summary of {@code dir}, derived (and written, for a finished run) when missing or stale. */
    public static Loaded load(Path dir) {
        return load(dir, true);
    }

    /** The same without its hash, which only the index needs ({@code export} reads a summary once). */
    public static Summary read(Path dir) {
        return load(dir, false).summary();
    }

    private static Loaded load(Path dir, boolean hash) {
        Path file = dir.resolve(Summary.FILE);
        String problem = "";
        if (Files.isRegularFile(file)) {
            try {
                byte[] bytes = Files.readAllBytes(file);
                Summary s = parse(bytes);
                if (s.schema() == Summary.SCHEMA && s.sources().equals(sources(dir))) {
                    return new Loaded(s, hash ? sha256(bytes) : "");
                }
            } catch (IOException | RuntimeException e) {
                problem = file + ": unreadable (" + e.getMessage().lines().findFirst().orElse("") + ")";
            }
        }
        Summary derived;
        try {
            derived = derive(dir);
        } catch (BadInputException e) {
            throw new BadInputException(problem.isEmpty() ? e.getMessage()
                    : problem + ", and the run cannot be summarised again: " + e.getMessage(), e);
        }
        return new Loaded(derived, sha256(write(dir, derived)));
    }

    static Summary parse(byte[] bytes) throws IOException {
        Summary s = JsonFiles.json().readerFor(Summary.class)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).readValue(bytes);
        if (s == null) {
            throw new IOException("empty");
        }
        return s;
    }

    /**
     * Writes {@code summary} into {@code dir} and returns its bytes. A run still RUNNING is not
     * written (its files will change); nor is a directory without a manifest, whose age prune
     * takes from the directory's modification time, which a new file would reset; nor one that
     * cannot be written (a read-only copy). Those are derived again on every use.
     */
    public static byte[] write(Path dir, Summary summary) {
        byte[] bytes;
        try {
            // compact: read by machines, hashed on every use of the index
            bytes = JsonFiles.json().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(summary);
        } catch (IOException e) {
            throw new IllegalStateException("summary of " + dir + " cannot be serialised", e);
        }
        if (!summary.status().equals(RunStatus.RUNNING.name()) && !summary.status().equals(RunStatus.NO_MANIFEST.name())) {
            try {
                JsonFiles.writeString(dir.resolve(Summary.FILE), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                // still usable in memory; the next use derives it again
            }
        }
        return bytes;
    }

    /** The summary of a run directory, from its manifest, JMH results and fingerprint. */
    public static Summary derive(Path dir) {
        RunInfo info = RunInfo.read(dir);
        Path manifestFile = dir.resolve(RunLoader.MANIFEST);
        JsonNode manifest = Files.isRegularFile(manifestFile) ? RunLoader.readManifest(manifestFile)
                : JsonFiles.json().createObjectNode();
        SortedMap<String, String> sources = sources(dir);
        List<Summary.Result> results = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve(RunLoader.JMH_JSON))) {
            try {
                results = results(RunLoader.load(RunLoader.locate(dir)));
            } catch (BadInputException e) {
                // an unfinished run's partial results are shown as nothing; a complete run's are bad input
                if (info.complete()) {
                    throw e;
                }
            }
        } else if (info.complete()) {
            throw new BadInputException(dir + ": manifest says COMPLETE but there is no " + RunLoader.JMH_JSON);
        }
        // as written: RunInfo.read has checked that it parses
        String startedAt = info.startedAt().isPresent() ? manifest.path("startedAt").asText() : null;
        return new Summary(Summary.SCHEMA, dir.toAbsolutePath().normalize().getFileName().toString(), startedAt,
                info.status().name(), info.injection().map(i -> i.describe()).orElse(null),
                Identity.of(manifest, fingerprint(dir)), sources, results);
    }

    private static List<Summary.Result> results(Run run) {
        List<ResultStats> stats = RunStats.of(run);
        List<Summary.Result> out = new ArrayList<>();
        for (int i = 0; i < stats.size(); i++) {
            BenchmarkResult r = run.results().get(i);
            out.add(SummaryStats.of(r, stats.get(i), run.tails().get(r.id())));
        }
        return out;
    }

    /** A fingerprint that is missing or unreadable leaves its items out: the run still has its manifest. */
    private static Optional<Fingerprint> fingerprint(Path dir) {
        if (!Files.isRegularFile(dir.resolve(FingerprintJson.FILE_NAME))) {
            return Optional.empty();
        }
        try {
            return Optional.of(FingerprintJson.read(dir));
        } catch (BadInputException e) {
            return Optional.empty();
        }
    }

    /** Size and modification time (ms) of each file a summary is derived from, by name. */
    public static SortedMap<String, String> sources(Path dir) {
        SortedMap<String, String> out = new TreeMap<>();
        for (String name : SOURCES) {
            try {
                BasicFileAttributes a = Files.readAttributes(dir.resolve(name), BasicFileAttributes.class);
                out.put(name, a.size() + "@" + a.lastModifiedTime().toMillis());
            } catch (IOException e) {
                // absent: not a source of this run
            }
        }
        return out;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
