package dev.tailgate.summary;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.ingest.InjectionMark;
import dev.tailgate.ingest.RunLoader;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.Injection;
import dev.tailgate.model.Run;
import dev.tailgate.model.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run's manifest says about it, as {@code export} publishes it.
 *
 * @param labels    the {@code tailgate_run_info} labels, in the order written ({@code run_id} first);
 *                  fields the manifest lacks are left out
 * @param startedAt the manifest's {@code startedAt}, in seconds since the epoch
 * @param status    COMPLETE, or why the run is not (NO_MANIFEST for a directory without one)
 * @param statusDetail the manifest's reason for a status other than COMPLETE; empty otherwise
 * @param injection the delay injected into its measured calls, if any
 */
public record RunInfo(Map<String, String> labels, Optional<Double> startedAt, RunStatus status, String statusDetail,
                      Optional<Injection> injection) {
    public RunInfo {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusDetail, "statusDetail");
        Objects.requireNonNull(injection, "injection");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** Whether the gate takes the run as finished ({@link Run#complete}). */
    public boolean complete() {
        return statusOnly().complete();
    }

    /** Why it is not, in the gate's words; empty for a complete run. */
    public String problem() {
        return statusOnly().problem();
    }

    private Run statusOnly() {
        return new Run("", List.of(), status, statusDetail);
    }

    /** The manifest's status, start, injection and labels; a directory without one has only its name. */
    public static RunInfo read(Path dir) {
        Path manifest = dir.resolve(RunLoader.MANIFEST);
        Map<String, String> labels = new LinkedHashMap<>();
        if (!Files.exists(manifest)) {
            labels.put("run_id", dir.toAbsolutePath().normalize().getFileName().toString());
            labels.put("status", RunStatus.NO_MANIFEST.name().toLowerCase(Locale.ROOT));
            return new RunInfo(labels, Optional.empty(), RunStatus.NO_MANIFEST, "", Optional.empty());
        }
        JsonNode root = RunLoader.readManifest(manifest);
        RunStatus status = RunLoader.status(manifest, root);
        labels.put("run_id", text(manifest, root, "runId")
                .orElse(dir.toAbsolutePath().normalize().getFileName().toString()));
        text(manifest, root, "suite").ifPresent(v -> labels.put("suite", v));
        labels.put("status", status.name().toLowerCase(Locale.ROOT));
        text(manifest, root, "redis", "version").ifPresent(v -> labels.put("redis_version", v));
        text(manifest, root, "redis", "mode").ifPresent(v -> labels.put("redis_mode", v));
        // "low-latency (profiles/low-latency.conf)": the name only, the origin is a path of one machine
        text(manifest, root, "redis", "profile").ifPresent(v -> labels.put("profile", v.replaceFirst(" \\(.*$", "")));
        text(manifest, root, "suiteGitSha").ifPresent(v -> labels.put("git_sha", v));
        text(manifest, root, "jmh", "jmhVersion").ifPresent(v -> labels.put("jmh_version", v));
        text(manifest, root, "host", "hostname").ifPresent(v -> labels.put("host", v));
        return new RunInfo(labels, startedAt(manifest, root), status, RunLoader.detail(root),
                InjectionMark.of(manifest.toString(), root));
    }

    /** The string at {@code path}; absent or null is empty, anything but a string is bad input. */
    private static Optional<String> text(Path manifest, JsonNode root, String... path) {
        JsonNode n = root;
        for (String key : path) {
            n = n.path(key);
        }
        if (n.isMissingNode() || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw new BadInputException(manifest + ": " + String.join(".", path) + ": expected a string, found "
                    + n.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return Optional.of(n.asText());
    }

    private static Optional<Double> startedAt(Path manifest, JsonNode root) {
        Optional<String> text = text(manifest, root, "startedAt");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant t = Instant.parse(text.get());
            return Optional.of(t.getEpochSecond() + t.getNano() / 1e9);
        } catch (DateTimeParseException e) {
            throw new BadInputException(manifest + ": startedAt \"" + text.get()
                    + "\": expected an ISO-8601 instant such as 2026-11-25T22:00:00Z");
        }
    }
}
