package dev.tailgate.export;

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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what {@code export} publishes of a run directory: its manifest, its JMH results (and
 * fixed-rate histograms) and, when a gate was run on it, its {@code verdict.json}. A run that is
 * not a complete, real measurement is refused unless the user allowed it, as the gate does:
 * the manifest is read first, so an aborted run without a {@code jmh.json} is refused for
 * being aborted, not for the missing file.
 */
public final class RunExports {
    /** What the user let through, as {@code gate}'s flags of the same names. */
    public record Overrides(boolean allowIncomplete, boolean allowInjected) {
    }

    private RunExports() {
    }

    public static RunExport load(Path dir, Overrides overrides) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + (Files.exists(dir) ? ": not a directory" : ": no such directory")
                    + ", expected a run directory");
        }
        RunInfo info = info(dir);
        Map<String, String> marks = new LinkedHashMap<>();
        // judged as the gate judges it: a manifest that says nothing about its status is taken as complete
        if (!info.complete()) {
            if (!overrides.allowIncomplete()) {
                throw new BadInputException(dir + ": " + info.problem() + "; --allow-incomplete exports it anyway");
            }
            marks.put("incomplete", info.status().name().toLowerCase(Locale.ROOT));
        }
        if (info.injection().isPresent()) {
            Injection i = info.injection().get();
            if (!overrides.allowInjected()) {
                throw new BadInputException(dir + ": " + InjectionMark.reason(i) + "; --allow-injected exports it anyway");
            }
            marks.put("injected", i.describe());
        }
        Run run = RunLoader.load(RunLoader.locate(dir));
        return new RunExport(info, RunStats.of(run), VerdictFile.read(dir), marks);
    }

    /** The manifest's status, start, injection and labels; a directory without one has only its name. */
    public static RunInfo info(Path dir) {
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
