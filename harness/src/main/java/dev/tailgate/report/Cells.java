package dev.tailgate.report;

import dev.tailgate.model.Check;
import dev.tailgate.model.Numbers;

/** Cell texts shared by the human-readable writers (console table, Markdown). */
final class Cells {
    private Cells() {
    }

    static String benchmark(Check c) {
        return c.benchmark().label();
    }

    static String observed(Check c) {
        return Double.isNaN(c.observed()) ? "n/a" : Numbers.format(c.observed()) + " " + c.unit().spelling();
    }

    static String interval(Check c) {
        if (Double.isNaN(c.boundLow()) && Double.isNaN(c.boundHigh())) {
            return "n/a";
        }
        return "[" + Numbers.format(c.boundLow()) + ", " + Numbers.format(c.boundHigh()) + "]";
    }

    static String limit(Check c) {
        String s = (c.statistic().lowerIsBetter() ? "<= " : ">= ") + Numbers.format(c.limit()) + " " + c.unit().spelling();
        return c.warn().isPresent() ? s + " (warn " + Numbers.format(c.warn().getAsDouble()) + " " + c.unit().spelling() + ")" : s;
    }

    static String samples(Check c) {
        return Numbers.count(c.samples());
    }

    static String percent(double confidence) {
        return Numbers.format(confidence * 100) + "%";
    }
}
