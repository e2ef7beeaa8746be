package dev.tailgate.export;

import dev.tailgate.ingest.InjectionMark;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.Injection;
import dev.tailgate.summary.RunInfo;
import dev.tailgate.summary.RunStats;
import dev.tailgate.summary.Summaries;
import dev.tailgate.summary.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads what {@code export} publishes of a run directory: its manifest, its statistics (from its
 * {@code summary.json}, the JMH results and fixed-rate histograms summarised) and, when a gate was run on it, its {@code verdict.json}. A run that is
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
        // verdict.json, the manifest and summary.json are independent and the two large ones are
        // most of the command's work (10,000 gate checks, 2,000 results): the verdict is read beside
        // the rest, and its result (or its error) counts only once the run is known to be exportable
        CompletableFuture<Optional<GateSummary>> gate = CompletableFuture.supplyAsync(() -> VerdictFile.read(dir));
        RunInfo info = RunInfo.read(dir);
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
        // the run's summary.json, written when it finished and derived again if missing or stale:
        // the same statistics as from its JMH JSON, without reparsing and merging that
        Summary summary = Summaries.read(dir);
        return new RunExport(info, RunStats.of(summary), join(gate), marks);
    }

    /** The value, or the exception it ended with (a bad verdict.json is bad input, as when read inline). */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
