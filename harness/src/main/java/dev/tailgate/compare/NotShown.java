package dev.tailgate.compare;

import dev.tailgate.model.Numbers;
import dev.tailgate.model.Stats;
import java.util.List;

/**
 * What a comparison says about a gating check it could not decide: "not shown", its interval,
 * and how much more data the observed spread says a decision would need. A paired A/B counts
 * rounds ({@link PairedCheck#notShown()}); two independent runs count forks per arm, from the
 * same rule: the interval's half-width shrinks as 1/sqrt(n), so it would fit between the
 * estimate and the nearest margin boundary at about this many. Pure.
 */
public final class NotShown {
    private NotShown() {
    }

    /** Marks every gating INCONCLUSIVE check of two independent runs; others are returned as they are. */
    public static List<CheckResult> independent(List<CheckResult> checks, CompareConfig config) {
        return checks.stream().map(c -> c.gating() && c.classification() == Classification.INCONCLUSIVE
                ? c.withReason(independentReason(c, config)) : c).toList();
    }

    /** Marks every gating INCONCLUSIVE check of a paired look with its rounds to decide. */
    public static List<CheckResult> paired(PairedLook look) {
        return look.checks().stream().map(c -> !c.result().gating() || c.decided() ? c.result()
                : c.result().withReason(Double.isNaN(c.result().ciLow()) ? c.notShown()
                        : c.notShown() + " (" + c.result().reason() + ")")).toList();
    }

    static String independentReason(CheckResult c, CompareConfig config) {
        if (Double.isNaN(c.ciLow()) || !(c.ciLow() > 0)) {
            return "not judged: " + c.reason();
        }
        int n = Math.min(c.baseline().forks(), c.candidate().forks());
        String shown = "not shown: ratio " + Numbers.fixed(c.ratio(), 3) + " [" + Numbers.fixed(c.ciLow(), 3) + ", "
                + Numbers.fixed(c.ciHigh(), 3) + "]";
        if (n < 2) {
            return shown + " (" + c.reason() + ")";
        }
        // the interval's half-width in log space back to a standard error, at the t quantile it was drawn with
        double tail = (1 - config.confidence()) / 2;
        double se = (Math.log(c.ciHigh()) - Math.log(c.ciLow())) / (2 * Stats.tQuantile(1 - tail, 2 * n - 2));
        int need = PairedCompare.roundsToDecide(Math.log(c.ratio()), se, n, c.margin(), tail);
        return shown + (need > n ? "; about " + need + " forks per arm would decide at this spread"
                : need < 0 ? "; no number of forks would decide at this spread" : "") + " (" + c.reason() + ")";
    }
}
