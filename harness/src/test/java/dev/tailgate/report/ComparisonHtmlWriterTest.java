package dev.tailgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.compare.ArmSupport;
import dev.tailgate.compare.CheckResult;
import dev.tailgate.compare.Classification;
import dev.tailgate.compare.ComparedStatistic;
import dev.tailgate.compare.Comparison;
import dev.tailgate.compare.Comparison.BenchmarkCurve;
import dev.tailgate.compare.Comparison.CurvePoint;
import dev.tailgate.compare.StatisticSource;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ComparisonHtmlWriterTest {
    static final String GET = "dev.tailgate.bench.redis.JedisGetRoundTripBenchmark.get[payload=64, pipeline=1]";
    static final String SET = "dev.tailgate.bench.redis.LettuceSetBenchmark.set<String>[payload=1024,mode=async]";
    static final String FLOOR = "dev.tailgate.bench.net.TcpPingPongBenchmark.pingPong[size=64]";
    static final Instant MORNING = Instant.parse("2026-11-24T06:12:40Z");
    static final Instant EVENING = Instant.parse("2026-11-25T21:48:03Z");

    @TempDir
    Path tmp;

    @Test
    void isWellFormedXmlWithOneSvgPerPlot() throws Exception {
        Comparison c = example(MORNING, EVENING);
        Document doc = parse(ComparisonHtmlWriter.html(c));
        // One forest plot plus one distribution per curve.
        assertEquals(1 + c.curves().size(), doc.getElementsByTagName("svg").getLength());
        Element forest = (Element) doc.getElementsByTagName("svg").item(0);
        long finite = c.checks().stream().filter(k -> Double.isFinite(k.ratio())).count();
        assertEquals(finite, forest.getElementsByTagName("circle").getLength(), "one point per check with a ratio");
        Element first = (Element) doc.getElementsByTagName("svg").item(1);
        assertEquals(2, first.getElementsByTagName("polyline").getLength(), "baseline and candidate curves");
        assertEquals(2 * c.curves().get(0).points().size(), first.getElementsByTagName("circle").getLength());
        Element checks = (Element) doc.getElementsByTagName("table").item(2);
        assertEquals(c.checks().size() + 1, checks.getElementsByTagName("tr").getLength(), "one row per check plus the header");
    }

    @Test
    void usesALogLatencyAxisOnlyForCurvesSpanningMoreThan20x() {
        String html = ComparisonHtmlWriter.html(example(MORNING, EVENING));
        // GET and SET have a tail ~40x their p1; the network floor spans less than 10x.
        assertEquals(2, html.split("latency \\(µs, log scale\\)", -1).length - 1);
        assertEquals(1, html.split("latency \\(µs\\)", -1).length - 1);
        assertTrue(html.contains(">99.99%</text>") && html.contains(">90%</text>"), "percentile axis ticks");
    }

    @Test
    void rendersAnEmptyComparison() throws Exception {
        Comparison empty = new Comparison("a", Optional.empty(), "b", Optional.empty(), 1L, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(new BenchmarkCurve(GET, 0, 0, List.of())), Classification.INCONCLUSIVE);
        String html = ComparisonHtmlWriter.html(empty);
        parse(html);
        assertTrue(html.contains("No benchmark × statistic was present in both runs."));
        assertTrue(html.contains("no latency distribution in both arms"));
    }

    @Test
    void fetchesNothingFromTheNetwork() {
        String html = ComparisonHtmlWriter.html(example(MORNING, EVENING));
        String rest = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(rest.contains("http://"), "only the SVG namespace may name a URL");
        assertFalse(rest.contains("https://"));
        assertFalse(rest.contains("<script src") || rest.contains("<link") || rest.contains("<img"), "no external resources");
        assertFalse(rest.contains("url("), "no CSS fetches");
    }

    @Test
    void escapesBenchmarkNamesEverywhere() {
        String html = ComparisonHtmlWriter.html(example(MORNING, EVENING));
        assertFalse(html.contains("set<String>"), "a raw '<' from a benchmark name would open a tag");
        assertTrue(html.contains("set&lt;String&gt;[payload=1024,mode=async]"));
        assertTrue(html.contains("baseline &amp; &quot;friends&quot;"), "notes are escaped too");
    }

    @Test
    void escapesOnlyWhatNeedsIt() {
        String plain = "dev.tailgate.bench.net.TcpPingPongBenchmark.pingPong[size=64] ±5% µs";
        assertTrue(ComparisonHtmlWriter.escape(plain) == plain, "text without markup characters is passed through");
        assertEquals("a\uFFFDb\tc &lt;d&gt; &amp; &quot;e&quot; &#39;f&#39;", ComparisonHtmlWriter.escape("a\u0001b\tc <d> & \"e\" 'f'"));
    }

    @Test
    void eachDistributionCarriesTheChipsOfItsOwnBenchmarkInCheckOrder() {
        String[] figures = ComparisonHtmlWriter.html(example(MORNING, EVENING)).split("<figure>");
        assertEquals(4, figures.length, "three curves");
        int[] checksPerBenchmark = {6, 4, 3};
        for (int i = 1; i < figures.length; i++) {
            String chips = figures[i].substring(figures[i].indexOf("<div class=\"chips\">"), figures[i].indexOf("</figure>"));
            assertEquals(checksPerBenchmark[i - 1], chips.split("class=\"chip\"", -1).length - 1, figures[i].substring(0, 120));
        }
        assertTrue(figures[2].contains(">p50 0.86× IMPROVEMENT</span><span class=\"chip\" style=\"background:#2e7d32\">p99 0.79×"),
                "chips follow the checks' order");
    }

    @Test
    void isIdenticalOnRerunAndInEveryLocale() {
        Comparison c = example(MORNING, EVENING);
        String root = ComparisonHtmlWriter.html(c);
        assertEquals(root, ComparisonHtmlWriter.html(c));
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals(root, ComparisonHtmlWriter.html(c), "a comma decimal separator would break SVG coordinates");
        } finally {
            Locale.setDefault(saved);
        }
        assertFalse(root.contains("NaN") || root.contains("Infinity"), "undefined values are shown as n/a");
        assertTrue(root.contains("n/a"));
    }

    @Test
    void warnsWhenTheArmsWereTakenOnDifferentDays() {
        String apart = ComparisonHtmlWriter.html(example(MORNING, EVENING));
        assertTrue(apart.contains("a baseline from another day carries that day's drift"));
        assertTrue(apart.contains("2026-11-24 06:12:40 UTC") && apart.contains("2026-11-25 21:48:03 UTC"));
        String sameDay = ComparisonHtmlWriter.html(example(EVENING.minusSeconds(3600), EVENING));
        assertFalse(sameDay.contains("another day"));
        String unknown = ComparisonHtmlWriter.html(example(null, EVENING));
        assertTrue(unknown.contains("When the baseline was taken is unknown"));
    }

    @Test
    void showsDecisionFlagsAndEveryClassification() {
        String html = ComparisonHtmlWriter.html(example(MORNING, EVENING));
        assertTrue(html.contains("<div class=\"decision\" style=\"color:" + SvgPlots.colour(Classification.REGRESSION) + "\">REGRESSION</div>"));
        assertTrue(html.contains("Options that weaken this decision:</b> allow-mismatch"));
        for (Classification k : Classification.values()) {
            assertTrue(html.contains(">" + ComparisonHtmlWriter.classification(k) + "</td>"), k + " in the table");
        }
    }

    /**
     * Renders the page in headless Chromium and checks the screenshot shows it: a PNG with the
     * decision's colour and the baseline curve's colour in it (a page that failed to render, or
     * rendered its SVG as nothing, would not have them). The screenshot is also left in
     * {@code target/} for the README image.
     */
    @Test
    void rendersInHeadlessChromium() throws Exception {
        Path html = tmp.resolve("report.html");
        Files.writeString(html, ComparisonHtmlWriter.html(example(MORNING, EVENING)), StandardCharsets.UTF_8);
        Path png = tmp.resolve("report.png");
        HeadlessChromium.screenshot(html, png, tmp, 1200, 2000);
        assertTrue(Files.size(png) > 20_000, "a 1200x2000 screenshot of the report is larger than " + Files.size(png) + " bytes");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
        assertEquals(1200, img.getWidth());
        assertEquals(2000, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        int decision = 0;
        int baseline = 0;
        int red = Integer.parseInt(SvgPlots.colour(Classification.REGRESSION).substring(1), 16);
        int blue = Integer.parseInt(SvgPlots.BASELINE_COLOUR.substring(1), 16);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                decision += rgb == red ? 1 : 0;
                baseline += rgb == blue ? 1 : 0;
            }
        }
        assertTrue(colours.size() > 50, "the screenshot has only " + colours.size() + " colours");
        assertTrue(decision > 100, "the REGRESSION decision is drawn in its colour: " + decision + " pixels");
        assertTrue(baseline > 100, "a baseline distribution curve is drawn: " + baseline + " pixels");
        Path keep = Path.of("target", "compare-report.png");
        Files.createDirectories(keep.getParent());
        Files.copy(png, keep, StandardCopyOption.REPLACE_EXISTING);
    }

    static Path findChromium() {
        Path standard = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(standard)) {
            return standard;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A realistic comparison: a Jedis GET whose tail got worse (p99.9 +60%) while p50 did not
     * move, a Lettuce SET that got faster throughout, and the network floor, unchanged, with one
     * statistic that could not be computed.
     */
    static Comparison example(Instant baselineAt, Instant candidateAt) {
        List<CheckResult> checks = new ArrayList<>();
        ArmSupport five = new ArmSupport(5, 25, 200_000);
        checks.add(check(GET, ComparedStatistic.MEAN, true, Classification.INCONCLUSIVE, 33_400, 35_900, 1.075, 0.99, 1.17, 0.05, five));
        checks.add(check(GET, ComparedStatistic.P50, true, Classification.NO_CHANGE, 30_100, 30_300, 1.007, 0.985, 1.03, 0.05, five));
        checks.add(check(GET, ComparedStatistic.P90, true, Classification.NO_CHANGE, 41_000, 41_800, 1.02, 0.97, 1.06, 0.10, five));
        checks.add(check(GET, ComparedStatistic.P99, true, Classification.INCONCLUSIVE, 62_000, 69_400, 1.12, 1.02, 1.24, 0.10, five));
        checks.add(check(GET, ComparedStatistic.P999, true, Classification.REGRESSION, 180_000, 288_000, 1.60, 1.38, 1.85, 0.25, five));
        checks.add(check(GET, ComparedStatistic.P9999, false, Classification.INCONCLUSIVE, 610_000, 1_450_000, 2.38, 1.1, 9.5, 0.50, five));
        ArmSupport three = new ArmSupport(3, 15, 120_000);
        checks.add(check(SET, ComparedStatistic.P50, true, Classification.IMPROVEMENT, 52_000, 44_700, 0.86, 0.82, 0.90, 0.05, three));
        checks.add(check(SET, ComparedStatistic.P99, true, Classification.IMPROVEMENT, 120_000, 95_000, 0.79, 0.72, 0.86, 0.10, three));
        checks.add(check(SET, ComparedStatistic.P999, true, Classification.INCONCLUSIVE, 260_000, 240_000, 0.92, 0.70, 1.21, 0.25, three));
        checks.add(check(SET, ComparedStatistic.THROUGHPUT, true, Classification.IMPROVEMENT, 21_500, 24_900, 1.158, 1.10, 1.21, 0.05,
                new ArmSupport(3, 15, 15)));
        checks.add(check(FLOOR, ComparedStatistic.P50, true, Classification.NO_CHANGE, 11_200, 11_150, 0.996, 0.98, 1.012, 0.05, five));
        checks.add(check(FLOOR, ComparedStatistic.P99, true, Classification.NO_CHANGE, 19_800, 20_100, 1.015, 0.95, 1.08, 0.10, five));
        checks.add(new CheckResult(FLOOR, ComparedStatistic.P9999, true, Classification.INCONCLUSIVE,
                "too few samples beyond p99.99: 9 in the candidate, need 10", Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 0.50, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                new ArmSupport(5, 25, 95_000), new ArmSupport(5, 25, 90_000), StatisticSource.JMH_SAMPLE_HISTOGRAM, 0));
        List<BenchmarkCurve> curves = List.of(
                curve(GET, 200_000, 30_000, 0.06, 1.0, 1.0, 1.6),
                curve(SET, 120_000, 52_000, 0.06, 0.86, 0.8, 0.9),
                curve(FLOOR, 90_000, 11_200, 0.01, 1.0, 1.0, 1.0));
        return new Comparison("results/baselines/stock-7.0", Optional.ofNullable(baselineAt),
                "results/20261125T214803Z-tuned", Optional.ofNullable(candidateAt), 42L,
                List.of("REDIS_PROFILE: stock -> low-latency"), List.of("jmh.warmupIterations: 5 -> 3"), List.of(),
                List.of("allow-mismatch"), checks,
                List.of("only in baseline & \"friends\": dev.tailgate.bench.redis.JedisMgetBenchmark.mget[keys=10]"),
                curves, Comparison.decide(checks));
    }

    private static CheckResult check(String benchmark, ComparedStatistic st, boolean gating, Classification k,
                                     double base, double cand, double ratio, double lo, double hi, double margin, ArmSupport s) {
        String reason = switch (k) {
            case REGRESSION -> String.format(Locale.ROOT, "interval [%.3g, %.3g] beyond the worse margin of %.0f%%; p = 0.0021 (Holm) <= 0.05",
                    lo, hi, margin * 100);
            case IMPROVEMENT -> String.format(Locale.ROOT, "interval [%.3g, %.3g] beyond the better margin of %.0f%%", lo, hi, margin * 100);
            case NO_CHANGE -> String.format(Locale.ROOT, "interval [%.3g, %.3g] inside the margin of ±%.0f%%", lo, hi, margin * 100);
            case INCONCLUSIVE -> String.format(Locale.ROOT, "interval [%.3g, %.3g] crosses the margin of ±%.0f%%", lo, hi, margin * 100);
        };
        return new CheckResult(benchmark, st, gating, k, reason, base, cand, ratio, lo, hi, margin,
                0.3, 0.5, 0.4, 0.6, s, s, st == ComparedStatistic.THROUGHPUT
                        ? StatisticSource.JMH_ITERATION_SCORES : StatisticSource.JMH_SAMPLE_HISTOGRAM, 1000);
    }

    /** A lognormal-like body and a tail of the given weight; the candidate scales the body and the tail separately. */
    private static BenchmarkCurve curve(String name, long samples, double medianNs, double tailWeight,
                                        double bodyScale, double p99Scale, double tailScale) {
        double[] percentiles = {1, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.995};
        List<CurvePoint> points = new ArrayList<>();
        for (double p : percentiles) {
            double x = SvgPlots.percentileX(p);
            double base = medianNs * (0.7 + 0.3 * Math.min(x, 2.5) + tailWeight * Math.pow(x, 4.2));
            double scale = x < 1.5 ? bodyScale : x < 2.5 ? p99Scale : tailScale;
            points.add(new CurvePoint(p, base, base * scale));
        }
        return new BenchmarkCurve(name, samples, samples - samples / 20, points);
    }
}
