package dev.tailgate.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code run.lock} in a run directory: which process writes the run. Pids are reused, so the
 * process's start time is recorded with it; a process counts as the run's writer only if both
 * match. Written before the manifest and released ({@link #release}) after the last file the
 * command writes there (a gate's reports come after the COMPLETE manifest), so a live writer
 * means "still being written" whatever the manifest says. A lock left by a killed process
 * names a dead process: the manifest then decides (RUNNING means died without a trace).
 *
 * @param pid          the writing process
 * @param processStart its start time, when the OS reports one
 */
public record RunLock(long pid, Optional<Instant> processStart) {
    public static final String FILE = "run.lock";

    /** Records the current process as the writer of {@code runDir}. */
    public static void write(Path runDir) throws IOException {
        ProcessHandle me = ProcessHandle.current();
        Map<String, Object> lock = new LinkedHashMap<>();
        lock.put("pid", me.pid());
        me.info().startInstant().ifPresent(t -> lock.put("processStart", t.toString()));
        JsonFiles.writeJson(runDir.resolve(FILE), lock);
    }

    /** Removes the lock if this process holds it: everything the command writes into {@code runDir} is written. */
    public static void release(Path runDir) {
        if (read(runDir).map(l -> l.pid() == ProcessHandle.current().pid()).orElse(false)) {
            try {
                Files.deleteIfExists(runDir.resolve(FILE));
            } catch (IOException ignored) {
                // a lock naming this process stops protecting the run when the process exits
            }
        }
    }

    /** The lock of {@code runDir}; empty when there is none or it cannot be read. */
    public static Optional<RunLock> read(Path runDir) {
        Path f = runDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JsonFiles.json().readTree(f.toFile());
            if (root == null || !root.path("pid").canConvertToLong()) {
                return Optional.empty();
            }
            JsonNode start = root.get("processStart");
            return Optional.of(new RunLock(root.get("pid").asLong(),
                    start == null ? Optional.empty() : Optional.of(Instant.parse(start.asText()))));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether the recorded process is still running (same pid, same start time). */
    public boolean alive() {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        Optional<Instant> now = h.get().info().startInstant();
        return processStart.isEmpty() || now.isEmpty() || processStart.equals(now);
    }
}
