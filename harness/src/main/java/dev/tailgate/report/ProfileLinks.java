package dev.tailgate.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The "Profiles" section of {@code report.md} and {@code report.html}: a link to every file a
 * profiled run left under its {@code profiles/} directory, relative to the report, so that the
 * links still work when a CI job keeps the results directory as an artifact.
 */
public final class ProfileLinks {
    /** The profiler output directory of a run, as {@code dev.tailgate.run.ProfileFiles} writes it. */
    public static final String DIR = "profiles";

    /**
     * One file.
     *
     * @param run  which run it belongs to ("baseline", "candidate"), or "" for the report's own run
     * @param href the file relative to the report's directory, with '/' separators
     */
    public record Link(String run, String href) {
    }

    private ProfileLinks() {
    }

    /** Every profile file of {@code runDir}, linked from {@code reportDir}; none when it was not profiled. */
    public static List<Link> scan(Path reportDir, String run, Path runDir) {
        Path root = runDir.resolve(DIR);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Path from = reportDir.toAbsolutePath().normalize();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).toString().startsWith("."))
                    .map(p -> from.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/'))
                    .sorted()
                    .map(h -> new Link(run, h))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot list profiles: " + e.getMessage(), e);
        }
    }

    /** The Markdown section; empty without links. */
    public static String markdown(List<Link> links) {
        if (links.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n### Profiles\n\n");
        sb.append("Taken under the profilers in the manifest; their figures are perturbed by them.\n\n");
        for (Link l : links) {
            sb.append("- ").append(l.run().isEmpty() ? "" : l.run() + ": ").append('[').append(l.href()
                    .replace("[", "\\[").replace("]", "\\]")).append("](").append(l.href().replace(" ", "%20"))
                    .append(")\n");
        }
        return sb.toString();
    }

    /** {@code page} with a Profiles section at the end of its main content; unchanged without links. */
    public static String intoHtml(String page, List<Link> links) {
        int end = page.lastIndexOf("</main>");
        if (links.isEmpty() || end < 0) {
            return page;
        }
        StringBuilder h = new StringBuilder("<h2>Profiles</h2>\n<ul>\n");
        for (Link l : links) {
            String href = ComparisonHtmlWriter.escape(l.href());
            h.append("<li>").append(l.run().isEmpty() ? "" : ComparisonHtmlWriter.escape(l.run()) + ": ")
                    .append("<a href=\"").append(href.replace(" ", "%20")).append("\">").append(href)
                    .append("</a></li>\n");
        }
        return page.substring(0, end) + h.append("</ul>\n") + page.substring(end);
    }
}
