package dev.tailgate.report;

import dev.tailgate.model.Check;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.Verdict;

/**
 * {@code junit.xml} in the Ant/Surefire layout Jenkins and GitLab read: one test case per
 * check, named {@code <statistic> [rule <id>]} in class {@code <benchmark>[params]}. FAIL is a
 * {@code <failure>}, ERROR an {@code <error>}; INCONCLUSIVE is a failure when the policy lets
 * it fail the gate and {@code <skipped>} otherwise; WARN passes with the reason in
 * {@code <system-out>}. Rules that matched nothing appear as skipped test cases.
 */
public final class JunitXmlWriter {
    private JunitXmlWriter() {
    }

    public static String xml(Verdict v) {
        XmlStream x = new XmlStream();
        x.text("\n");
        long failures = v.checks().stream().filter(c -> isFailure(c, v)).count();
        long errors = v.count(Outcome.ERROR);
        long skipped = v.checks().stream().filter(c -> c.outcome() == Outcome.INCONCLUSIVE && !v.inconclusiveFails()).count()
                + v.unmatchedRules().size();
        String tests = Long.toString(v.checks().size() + v.unmatchedRules().size());
        attrs(x.start("testsuites"), "tailgate", tests, failures, errors, skipped);
        x.text("\n  ");
        attrs(x.start("testsuite"), "tailgate gate (" + String.join(" > ", v.thresholds()) + ")", tests, failures, errors, skipped);
        x.attribute("timestamp", v.today() + "T00:00:00");
        for (Check c : v.checks()) {
            x.text("\n    ");
            testcase(x, c, v);
        }
        for (String rule : v.unmatchedRules()) {
            x.text("\n    ");
            x.start("testcase").attribute("classname", "tailgate.rules").attribute("name", "rule " + rule)
                    .attribute("time", "0");
            x.start("skipped").attribute("message", "rule " + rule + " matched no benchmark in this run").end();
            x.end();
        }
        x.text("\n  ").end().text("\n").end();
        return x.finish() + "\n";
    }

    private static void testcase(XmlStream x, Check c, Verdict v) {
        x.start("testcase");
        x.attribute("classname", c.benchmark().benchmark()
                + (c.benchmark().params().isEmpty() ? "" : "[" + c.benchmark().paramsText() + "]"));
        x.attribute("name", c.statistic().yamlName() + " [rule " + c.ruleId() + "]");
        x.attribute("time", "0");
        String detail = c.outcome() + ": observed " + Cells.observed(c) + ", interval " + Cells.interval(c)
                + ", limit " + Cells.limit(c) + ", samples " + Cells.samples(c) + "\n" + c.reason();
        if (c.outcome() == Outcome.ERROR) {
            child(x, "error", c, detail);
        } else if (isFailure(c, v)) {
            child(x, "failure", c, detail);
        } else if (c.outcome() == Outcome.INCONCLUSIVE) {
            x.start("skipped").attribute("message", c.reason()).end();
        } else if (c.outcome() == Outcome.WARN) {
            x.start("system-out").text(detail).end();
        }
        x.end();
    }

    private static boolean isFailure(Check c, Verdict v) {
        return c.outcome() == Outcome.FAIL || (c.outcome() == Outcome.INCONCLUSIVE && v.inconclusiveFails());
    }

    private static void attrs(XmlStream x, String name, String tests, long failures, long errors, long skipped) {
        x.attribute("name", name);
        x.attribute("tests", tests);
        x.attribute("failures", Long.toString(failures));
        x.attribute("errors", Long.toString(errors));
        x.attribute("skipped", Long.toString(skipped));
        x.attribute("time", "0");
    }

    private static void child(XmlStream x, String element, Check c, String detail) {
        x.start(element).attribute("message", c.reason()).attribute("type", c.outcome().name()).text(detail).end();
    }
}
