package dev.tailgate.redis;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The values a Redis had before {@code redis-config apply} changed them: the only thing
 * {@code rollback} needs. Written atomically and fsynced <em>before</em> the first CONFIG SET,
 * so a process killed mid-apply still leaves a snapshot that restores the server.
 *
 * <p>Tied to one server process by its {@code run_id} (INFO server): a restarted server has a
 * new run id and reads its config file again, so an old snapshot no longer describes it.
 * Never holds a password: profiles may not touch secret keys ({@link RedisConfigManager}).
 *
 * @param oldValues key -> value as CONFIG GET returned it, for every runtime key the profile touches
 */
public record ConfigSnapshot(int schema, String runId, String host, int port, Instant takenAt, String profile,
                             String redisVersion, SortedMap<String, String> oldValues) {
    public static final int SCHEMA = 1;
    public static final Path DEFAULT_DIR = Path.of("results", "redis-config-snapshots");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * Built on first use, not when the class is: picocli builds every command at start-up and
     * {@code redis-config} reads {@link #DEFAULT_DIR}, which would otherwise load ~470 Jackson
     * classes into every short-lived command, a cost {@code ledger verify} never needs.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);
    }

    public ConfigSnapshot {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(redisVersion, "redisVersion");
        oldValues = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(oldValues, "oldValues")));
    }

    public static ConfigSnapshot of(String runId, RedisTarget target, Instant takenAt, String profile,
                                    String redisVersion, Map<String, String> oldValues) {
        return new ConfigSnapshot(SCHEMA, runId, target.host(), target.port(), takenAt, profile, redisVersion,
                new TreeMap<>(oldValues));
    }

    /** File-name prefix shared by every snapshot of one host:port, so the latest is found by name. */
    static String prefix(String host, int port) {
        return host.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + port + "-";
    }

    /**
     * Writes to a temp file in the same directory, fsyncs it, renames it into place atomically
     * and fsyncs the directory: after this returns the snapshot survives a crash or power loss.
     */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String name = prefix(host, port) + STAMP.format(takenAt) + "-" + profile.replaceAll("[^A-Za-z0-9.-]", "_") + ".json";
        Path target = dir.resolve(name);
        Path tmp = Files.createTempFile(dir, ".snapshot-", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(this)));
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some file systems refuse to open a directory; the file itself is already synced
        }
        return target;
    }

    public static ConfigSnapshot read(Path file) {
        ConfigSnapshot s;
        try {
            s = Json.MAPPER.readValue(Files.readAllBytes(file), ConfigSnapshot.class);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : "not a config snapshot (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")";
            throw new BadInputException("snapshot " + file + ": unreadable: " + why);
        }
        if (s == null || s.schema() != SCHEMA) {
            throw new BadInputException("snapshot " + file + ": unreadable: expected schema " + SCHEMA);
        }
        return s;
    }

    /**
     * Renames a restored snapshot to {@code NAME.json.rolled-back}: kept for the audit, but no
     * longer "the latest", so a second rollback undoes the apply before it (snapshots form a
     * stack). Returns the new path, or the old one if the directory is read-only.
     */
    public static Path markRolledBack(Path file) {
        Path done = file.resolveSibling(file.getFileName() + ".rolled-back");
        try {
            Files.move(file, done, StandardCopyOption.ATOMIC_MOVE);
            return done;
        } catch (IOException e) {
            return file;
        }
    }

    /** The newest snapshot for host:port in {@code dir} (names sort by time), if any. */
    public static Optional<Path> latest(Path dir, String host, int port) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        String prefix = prefix(host, port);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".json"))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            throw new BadInputException("--snapshot-dir " + dir + ": cannot list (" + e.getMessage() + ")");
        }
    }
}
