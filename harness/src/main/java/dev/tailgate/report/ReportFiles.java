package dev.tailgate.report;

import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.HiccupSummary;
import dev.tailgate.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes {@code verdict.json}, {@code junit.xml} and {@code report.md} (with links to the
 * directory's {@code profiles/}, if any: {@link ProfileLinks}) into a directory. Each
 * file is written atomically ({@link JsonFiles#write}), so a CI job never picks up a
 * half-written report.
 */
public final class ReportFiles {
    public static final String VERDICT_JSON = "verdict.json";
    public static final String JUNIT_XML = "junit.xml";
    public static final String REPORT_MD = "report.md";

    private ReportFiles() {
    }

    public static List<Path> writeAll(Verdict v, Path dir) {
        return writeAll(v, dir, List.of());
    }

    /** As above; {@code report.md} also shows the run's host stalls (informational, already summarized). */
    public static List<Path> writeAll(Verdict v, Path dir, List<HiccupSummary> hiccups) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot create output directory: " + e.getMessage(), e);
        }
        // Rendering 10,000 checks three ways takes longer than writing the files: the largest
        // document is rendered on another core while this thread renders the other two.
        CompletableFuture<String> json = CompletableFuture.supplyAsync(() -> VerdictJsonWriter.json(v));
        String xml = JunitXmlWriter.xml(v);
        // a run's own profiles, when the reports go into its directory (run --gate, gate RUN_DIR)
        String markdown = MarkdownReportWriter.markdown(v, hiccups) + ProfileLinks.markdown(ProfileLinks.scan(dir, "", dir));
        return List.of(
                write(dir.resolve(VERDICT_JSON), joined(json)),
                write(dir.resolve(JUNIT_XML), xml),
                write(dir.resolve(REPORT_MD), markdown));
    }

    /** The rendered text, with a rendering's own runtime exception rethrown as itself. */
    public static String joined(CompletableFuture<String> rendering) {
        try {
            return rendering.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static Path write(Path file, String content) {
        try {
            JsonFiles.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
