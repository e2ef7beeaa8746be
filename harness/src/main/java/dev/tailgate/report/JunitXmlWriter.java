package dev.tailgate.report;

import dev.tailgate.model.Check;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.Verdict;
import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

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
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            long failures = v.checks().stream().filter(c -> isFailure(c, v)).count();
            long errors = v.count(Outcome.ERROR);
            long skipped = v.checks().stream().filter(c -> c.outcome() == Outcome.INCONCLUSIVE && !v.inconclusiveFails()).count()
                    + v.unmatchedRules().size();
            String tests = Long.toString(v.checks().size() + v.unmatchedRules().size());
            x.writeStartElement("testsuites");
            attrs(x, "tailgate", tests, failures, errors, skipped);
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            attrs(x, "tailgate gate (" + String.join(" > ", v.thresholds()) + ")", tests, failures, errors, skipped);
            x.writeAttribute("timestamp", v.today() + "T00:00:00");
            for (Check c : v.checks()) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", c.benchmark().benchmark()
                        + (c.benchmark().params().isEmpty() ? "" : "[" + c.benchmark().paramsText() + "]"));
                x.writeAttribute("name", c.statistic().yamlName() + " [rule " + c.ruleId() + "]");
                x.writeAttribute("time", "0");
                String detail = c.outcome() + ": observed " + Cells.observed(c) + ", interval " + Cells.interval(c)
                        + ", limit " + Cells.limit(c) + ", samples " + Cells.samples(c) + "\n" + c.reason();
                if (c.outcome() == Outcome.ERROR) {
                    child(x, "error", c, detail);
                } else if (isFailure(c, v)) {
                    child(x, "failure", c, detail);
                } else if (c.outcome() == Outcome.INCONCLUSIVE) {
                    x.writeStartElement("skipped");
                    x.writeAttribute("message", c.reason());
                    x.writeEndElement();
                } else if (c.outcome() == Outcome.WARN) {
                    x.writeStartElement("system-out");
                    x.writeCharacters(detail);
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            for (String rule : v.unmatchedRules()) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", "tailgate.rules");
                x.writeAttribute("name", "rule " + rule);
                x.writeAttribute("time", "0");
                x.writeStartElement("skipped");
                x.writeAttribute("message", "rule " + rule + " matched no benchmark in this run");
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing junit.xml", e);
        }
        return out + "\n";
    }

    private static boolean isFailure(Check c, Verdict v) {
        return c.outcome() == Outcome.FAIL || (c.outcome() == Outcome.INCONCLUSIVE && v.inconclusiveFails());
    }

    private static void attrs(XMLStreamWriter x, String name, String tests, long failures, long errors, long skipped)
            throws XMLStreamException {
        x.writeAttribute("name", name);
        x.writeAttribute("tests", tests);
        x.writeAttribute("failures", Long.toString(failures));
        x.writeAttribute("errors", Long.toString(errors));
        x.writeAttribute("skipped", Long.toString(skipped));
        x.writeAttribute("time", "0");
    }

    private static void child(XMLStreamWriter x, String element, Check c, String detail) throws XMLStreamException {
        x.writeStartElement(element);
        x.writeAttribute("message", c.reason());
        x.writeAttribute("type", c.outcome().name());
        x.writeCharacters(detail);
        x.writeEndElement();
    }
}
