package dev.tailgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reports' links to a run's profiles: relative to the report, staging left out. */
class ProfileLinksTest {

    @Test
    void linksEveryProfileFileRelativeToTheReport(@TempDir Path results) throws Exception {
        Path base = results.resolve("base");
        Path cand = results.resolve("cand");
        Files.createDirectories(base.resolve("profiles/b.ping/async/SampleTime"));
        Files.writeString(base.resolve("profiles/b.ping/profilers.txt"), "gc");
        Files.writeString(base.resolve("profiles/b.ping/async/SampleTime/flame-cpu-forward.html"), "<html/>");
        Files.createDirectories(base.resolve("profiles/.jmh/async"));
        Files.writeString(base.resolve("profiles/.jmh/async/left-over"), "x");
        Files.createDirectories(cand);

        Path out = cand.resolve("comparison");
        List<ProfileLinks.Link> links = ProfileLinks.scan(out, "baseline", base);
        assertEquals(List.of(new ProfileLinks.Link("baseline", "../../base/profiles/b.ping/async/SampleTime/flame-cpu-forward.html"),
                new ProfileLinks.Link("baseline", "../../base/profiles/b.ping/profilers.txt")), links);
        assertEquals(List.of(), ProfileLinks.scan(out, "candidate", cand), "an unprofiled run has no section");
        assertEquals(List.of(new ProfileLinks.Link("", "profiles/b.ping/profilers.txt")),
                ProfileLinks.scan(base, "", base).subList(1, 2));

        String md = ProfileLinks.markdown(links);
        assertTrue(md.contains("### Profiles") && md.contains("- baseline: [../../base/profiles/b.ping/profilers.txt]"
                + "(../../base/profiles/b.ping/profilers.txt)"), md);
        assertEquals("", ProfileLinks.markdown(List.of()));

        String page = "<html><body><main><h2>Notes</h2></main>\n</body>\n</html>\n";
        String html = ProfileLinks.intoHtml(page, links);
        assertTrue(html.contains("<h2>Profiles</h2>") && html.indexOf("<h2>Profiles</h2>") < html.indexOf("</main>"), html);
        assertTrue(html.contains("<a href=\"../../base/profiles/b.ping/profilers.txt\">"), html);
        assertEquals(page, ProfileLinks.intoHtml(page, List.of()));
    }
}
