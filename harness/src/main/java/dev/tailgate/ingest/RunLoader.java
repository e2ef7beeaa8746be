package dev.tailgate.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.Run;
import dev.tailgate.model.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens what the user called RUN: a run directory ({@code jmh.json} inside, and
 * {@code manifest.json} if present) or a bare JMH JSON file written by JMH's own CLI.
 */
public final class RunLoader {
    public static final String JMH_JSON = "jmh.json";
    public static final String MANIFEST = "manifest.json";

    /** The files a run consists of; the manifest is absent for a bare JMH file. */
    public record RunFiles(Path jmhJson, Optional<Path> manifest, Optional<Path> directory) {
    }

    private RunLoader() {
    }

    public static RunFiles locate(Path run) {
        if (Files.isDirectory(run)) {
            Path json = run.resolve(JMH_JSON);
            if (Files.isDirectory(json)) {
                throw new BadInputException(json + ": is a directory, expected a JMH JSON file");
            }
            if (!Files.isRegularFile(json)) {
                throw new BadInputException(run + ": run directory has no " + JMH_JSON);
            }
            Path manifest = run.resolve(MANIFEST);
            return new RunFiles(json, Files.exists(manifest) ? Optional.of(manifest) : Optional.empty(),
                    Optional.of(run));
        }
        if (!Files.exists(run)) {
            throw new BadInputException(run + ": no such file or directory, expected a run directory or a JMH JSON file");
        }
        return new RunFiles(run, Optional.empty(), Optional.empty());
    }

    /**
     * The JMH results, and for a run directory also the open-loop histograms of the fixed-rate
     * benchmarks ({@link OpenLoopHistograms}) and the server counters ({@link RunCounters}).
     */
    public static Run load(RunFiles files) {
        var results = JmhJsonReader.read(files.jmhJson());
        Run run;
        if (files.manifest().isEmpty()) {
            // a directory is complete only if its manifest says so; a bare file has none to ask
            RunStatus status = files.directory().isPresent() ? RunStatus.NO_MANIFEST : RunStatus.UNKNOWN;
            run = new Run(files.jmhJson().toString(), results, status, "");
        } else {
            Path manifest = files.manifest().get();
            JsonNode root = readManifest(manifest);
            run = new Run(files.jmhJson().toString(), results, status(manifest, root), detail(root));
        }
        if (files.directory().isEmpty()) {
            return run;
        }
        Path dir = files.directory().get();
        return new Run(run.source(), run.results(), run.status(), run.statusDetail(),
                OpenLoopHistograms.find(dir, results), RunCounters.read(dir));
    }

    /** The manifest as a JSON object; a malformed or unreadable one is bad input naming it. */
    public static JsonNode readManifest(Path manifest) {
        try {
            JsonNode root = JsonFiles.json().readTree(manifest.toFile());
            if (root == null || !root.isObject()) {
                throw new BadInputException(manifest + ": expected a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new BadInputException(manifest + ": malformed JSON at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new BadInputException(manifest + ": cannot read: " + e, e);
        }
    }

    /**
     * The run writer records {@code "status": "complete" | "aborted" | "invalid"} (older
     * manifests: {@code "complete": true|false}). A manifest that says neither is UNKNOWN,
     * judged like a bare JMH file.
     */
    public static RunStatus status(Path manifest, JsonNode root) {
        JsonNode s = root.get("status");
        if (s != null) {
            if (!s.isTextual()) {
                throw new BadInputException(manifest + ": status: expected string complete|aborted|invalid, found " + s.getNodeType().toString().toLowerCase(Locale.ROOT));
            }
            return switch (s.asText().toLowerCase(Locale.ROOT)) {
                case "complete", "completed" -> RunStatus.COMPLETE;
                case "aborted" -> RunStatus.ABORTED;
                // RUNNING left behind means the run died without its shutdown hook (SIGKILL,
                // power loss) or is still going: either way it is not a complete run.
                case "running" -> RunStatus.RUNNING;
                case "invalid" -> RunStatus.INVALID;
                default -> throw new BadInputException(manifest + ": status: expected complete|running|aborted|invalid, found \"" + s.asText() + "\"");
            };
        }
        JsonNode complete = root.get("complete");
        if (complete != null) {
            if (!complete.isBoolean()) {
                throw new BadInputException(manifest + ": complete: expected boolean, found " + complete);
            }
            return complete.asBoolean() ? RunStatus.COMPLETE : RunStatus.ABORTED;
        }
        return RunStatus.UNKNOWN;
    }

    /** Why the manifest says the run is not complete, when it says; empty otherwise. */
    public static String detail(JsonNode root) {
        for (String key : new String[] {"statusReason", "reason", "abortReason"}) {
            JsonNode n = root.get(key);
            if (n != null && n.isTextual()) {
                return n.asText();
            }
        }
        return "";
    }
}
