package dev.tailgate.gate;

import dev.tailgate.model.Numbers;
import dev.tailgate.model.Outcome;
import java.util.OptionalDouble;

/**
 * Compares a confidence interval with a limit. A verdict is only as strong as its interval:
 * FAIL needs the whole interval on the wrong side of the fail level, PASS needs it wholly on
 * the good side of the fail level and of the warn level; an interval on the good side of
 * the fail level that reaches past the warn level is WARN; anything straddling the fail
 * level is INCONCLUSIVE.
 */
final class Judge {
    record Result(Outcome outcome, String reason) {
    }

    private Judge() {
    }

    static Result judge(Interval i, boolean lowerIsBetter, double fail, OptionalDouble warn, String unit) {
        String ci = "[" + Numbers.format(i.low()) + ", " + Numbers.format(i.high()) + "] " + unit;
        if (lowerIsBetter) {
            if (i.low() > fail) {
                return new Result(Outcome.FAIL, "interval " + ci + " lies above the limit " + Numbers.format(fail) + " " + unit);
            }
            if (!(i.high() <= fail)) {
                return new Result(Outcome.INCONCLUSIVE, "interval " + ci + " straddles the limit " + Numbers.format(fail) + " " + unit);
            }
            if (warn.isPresent() && i.high() > warn.getAsDouble()) {
                return new Result(Outcome.WARN, "interval " + ci + " below the limit but reaches above warn " + Numbers.format(warn.getAsDouble()) + " " + unit);
            }
            return new Result(Outcome.PASS, "interval " + ci + " lies below " + (warn.isPresent() ? "warn " + Numbers.format(warn.getAsDouble()) : "the limit " + Numbers.format(fail)) + " " + unit);
        }
        if (i.high() < fail) {
            return new Result(Outcome.FAIL, "interval " + ci + " lies below the minimum " + Numbers.format(fail) + " " + unit);
        }
        if (!(i.low() >= fail)) {
            return new Result(Outcome.INCONCLUSIVE, "interval " + ci + " straddles the minimum " + Numbers.format(fail) + " " + unit);
        }
        if (warn.isPresent() && i.low() < warn.getAsDouble()) {
            return new Result(Outcome.WARN, "interval " + ci + " above the minimum but reaches below warn " + Numbers.format(warn.getAsDouble()) + " " + unit);
        }
        return new Result(Outcome.PASS, "interval " + ci + " lies above " + (warn.isPresent() ? "warn " + Numbers.format(warn.getAsDouble()) : "the minimum " + Numbers.format(fail)) + " " + unit);
    }
}
