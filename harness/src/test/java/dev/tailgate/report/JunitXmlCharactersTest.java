package dev.tailgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.compare.ArmSupport;
import dev.tailgate.compare.CheckResult;
import dev.tailgate.compare.Classification;
import dev.tailgate.compare.ComparedStatistic;
import dev.tailgate.compare.Comparison;
import dev.tailgate.compare.StatisticSource;
import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.Check;
import dev.tailgate.model.MetricUnit;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.Statistic;
import dev.tailgate.model.Verdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Both junit.xml producers stay readable by a real XML parser whatever a benchmark name or a
 * reason holds: characters XML 1.0 forbids arrive as visible {@code \\uXXXX} text.
 */
class JunitXmlCharactersTest {
    /** SOH and ESC (a terminal colour code is the likely way one gets into a reason). */
    static final String NAME = "dev.tailgate.bench.Odd\u0001Benchmark.get";
    static final String REASON = "limit exceeded \u001b[31mbadly\u001b[0m <&> \"quoted\"";

    @Test
    void gateJunitEscapesForbiddenCharactersInNamesAndReasons() throws Exception {
        Check fail = new Check("r\u0002", BenchmarkId.of(NAME, Map.of("size", "6\u00074")), Statistic.P99, MetricUnit.NS,
                900, 850, 950, 500, OptionalDouble.empty(), 100_000, 1, Outcome.FAIL, REASON);
        Check warn = new Check("r", BenchmarkId.of(NAME), Statistic.P50, MetricUnit.NS,
                400, 390, 410, 500, OptionalDouble.of(300), 100_000, 1, Outcome.WARN, REASON);
        Verdict v = new Verdict(LocalDate.of(2026, 11, 25), List.of("t\u0003.yaml"), 0.95, true, List.of(fail, warn),
                List.of("unused\u0004"), Outcome.FAIL, false, "1 failed");

        Document doc = parse(JunitXmlWriter.xml(v));

        Element failing = (Element) doc.getElementsByTagName("testcase").item(0);
        assertEquals("dev.tailgate.bench.Odd\\u0001Benchmark.get[size=6\\u00074]", failing.getAttribute("classname"));
        assertEquals("p99 [rule r\\u0002]", failing.getAttribute("name"));
        Element failure = (Element) failing.getElementsByTagName("failure").item(0);
        assertEquals("limit exceeded \\u001B[31mbadly\\u001B[0m <&> \"quoted\"", failure.getAttribute("message"));
        Element out = (Element) doc.getElementsByTagName("system-out").item(0);
        assertTrue(out.getTextContent().endsWith("\n" + "limit exceeded \\u001B[31mbadly\\u001B[0m <&> \"quoted\""));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("tailgate gate (t\\u0003.yaml)", suite.getAttribute("name"));
        assertEquals("rule unused\\u0004", ((Element) doc.getElementsByTagName("testcase").item(2)).getAttribute("name"));
    }

    @Test
    void compareJunitEscapesForbiddenCharactersInNamesAndReasons() throws Exception {
        ArmSupport arm = new ArmSupport(5, 25, 100_000);
        CheckResult regression = new CheckResult(NAME, ComparedStatistic.P99, true, Classification.REGRESSION, REASON,
                100, 150, 1.5, 1.3, 1.7, 0.1, 0.3, 0.5, 0.4, 0.6, arm, arm, StatisticSource.JMH_SAMPLE_HISTOGRAM, 1000);
        CheckResult same = new CheckResult(NAME, ComparedStatistic.P50, true, Classification.NO_CHANGE, REASON,
                100, 101, 1.01, 0.99, 1.03, 0.05, 0.3, 0.5, 0.4, 0.6, arm, arm, StatisticSource.JMH_SAMPLE_HISTOGRAM, 1000);
        List<CheckResult> checks = List.of(regression, same);
        Comparison c = new Comparison("a", Optional.empty(), "b", Optional.empty(), 1L, List.of(), List.of(), List.of(),
                List.of(), checks, List.of(), List.of(), Comparison.decide(checks));

        Document doc = parse(ComparisonWriters.junit(c));

        Element first = (Element) doc.getElementsByTagName("testcase").item(0);
        assertEquals("dev.tailgate.bench.Odd\\u0001Benchmark.get", first.getAttribute("classname"));
        String message = ((Element) first.getElementsByTagName("failure").item(0)).getAttribute("message");
        assertTrue(message.endsWith("; limit exceeded \\u001B[31mbadly\\u001B[0m <&> \"quoted\""), message);
        String text = doc.getElementsByTagName("system-out").item(0).getTextContent();
        assertTrue(text.endsWith("; limit exceeded \\u001B[31mbadly\\u001B[0m <&> \"quoted\""), text);
    }

    @Test
    void keepsWhatXmlAllowsAndEscapesLoneSurrogatesAndNonCharacters() {
        String allowed = "tab\tLF\nCR\r é € \uD83D\uDE00 \uE000 \uFFFD";
        assertSame(allowed, XmlStream.legal(allowed), "no copy when nothing needs replacing");
        assertEquals("a\\uD800b\\uDC00c\\uFFFEd\\uFFFFe\\u0000", XmlStream.legal("a\uD800b\uDC00c\uFFFEd\uFFFFe\u0000"));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
