package dev.tailgate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.compare.Margins;
import dev.tailgate.history.changepoint.ChangePointOptions;
import dev.tailgate.report.HeadlessChromium;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** history.html: well-formed, self-contained, and really drawn by a browser. */
class HistoryHtmlTest {
    static final String PING = "dev.tailgate.bench.redis.JedisPingBenchmark.ping";

    @TempDir
    Path tmp;

    /** 40 nights of p50 and p99; a profile switch at night 20 costs 35%; night 8 aborted, night 30 injected. */
    static List<SeriesHistory> example() {
        List<HistoryRun> runs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String profile = i < 20 ? "low-latency" : "stock";
            runs.add(new HistoryRun(String.format("night-%02d", i), GeneratedRuns.FIRST_NIGHT.plus(Duration.ofDays(i)),
                    i == 8 ? "ABORTED" : "COMPLETE", i == 30 ? "spin 5 µs on every call" : null,
                    new TreeMap<>(Map.of("profile", profile, "redis.version", "7.2.4"))));
        }
        Map<SeriesKey, List<SeriesPoint>> series = new LinkedHashMap<>();
        Random rnd = new Random(3);
        for (String[] s : new String[][] {{"p50", "0.01"}, {"p99", "0.03"}}) {
            double base = s[0].equals("p50") ? 38e-6 : 95e-6;
            List<SeriesPoint> points = new ArrayList<>();
            for (HistoryRun r : runs) {
                double level = base * (r.profile().equals("stock") ? 1.35 : 1.0) * (r.measurement() ? 1 : 1.8);
                double v = level * (1 + Double.parseDouble(s[1]) * rnd.nextGaussian());
                points.add(new SeriesPoint(r, v, v * 0.97, v * 1.03, 250_000));
            }
            series.put(new SeriesKey(PING, "", "sample", s[0], "s"), points);
        }
        series.put(new SeriesKey(PING + "<T>", "a=\"1\"", "sample", "mean", "s"),
                series.get(new SeriesKey(PING, "", "sample", "p50", "s")).stream().map(p -> new SeriesPoint(p.run(), 40e-6,
                        null, null, 1)).toList());
        return HistoryAnalysis.analyse(series, ChangePointOptions.defaults(), Margins.defaults());
    }

    @Test
    void isWellFormedSelfContainedAndEscaped() throws Exception {
        String html = HistoryHtml.html(example(), Map.of("night-21", "night-21/report.md"));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(
                html.replace("<!DOCTYPE html>", "").getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, doc.getElementsByTagName("svg").getLength(), "one plot per series");
        String rest = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(rest.contains("http://") || rest.contains("https://") || rest.contains("<script")
                || rest.contains("<link") || rest.contains("url("), "nothing is fetched");
        assertTrue(html.contains("JedisPingBenchmark.ping&lt;T&gt;[a=&quot;1&quot;]"), "names are escaped");
        assertTrue(html.contains("href=\"night-21/report.md\""), "a run's report is linked");
        assertTrue(html.contains("href=\"night-22/\""), "a run without a report links its directory");
        assertTrue(html.contains("profile low-latency → stock"), "the cause is named");
        assertTrue(html.contains(">REGRESSION</p>"));
        assertTrue(html.contains("night-08 2026-01-09 02:00 UTC: ") && html.contains("(aborted)"), "marked in its title");
        assertTrue(html.contains("(injected: spin 5 µs on every call)"));
    }

    @Test
    void rendersInHeadlessChromium() throws Exception {
        Path html = tmp.resolve("history.html");
        Files.writeString(html, HistoryHtml.html(example(), Map.of()), StandardCharsets.UTF_8);
        Path png = tmp.resolve("history.png");
        HeadlessChromium.screenshot(html, png, tmp, 1200, 1100);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1200, img.getWidth());
        int regression = 0;
        int points = 0;
        int red = Integer.parseInt(HistoryHtml.colour(Step.Kind.REGRESSION).substring(1), 16);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                regression += rgb == red ? 1 : 0;
                points += rgb == 0x1f5fa8 ? 1 : 0;
            }
        }
        assertTrue(regression > 200, "the decision and the change points are drawn in red: " + regression + " pixels");
        assertTrue(points > 300, "the runs are drawn: " + points + " pixels");
        Path keep = Path.of("target", "history.png");
        Files.createDirectories(keep.getParent());
        Files.copy(png, keep, StandardCopyOption.REPLACE_EXISTING);
    }
}
