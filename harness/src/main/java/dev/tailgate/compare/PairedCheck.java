package dev.tailgate.compare;

import dev.tailgate.model.Numbers;
import java.util.Objects;

/**
 * One check of a paired look: the classified result, and for an INCONCLUSIVE one how many
 * rounds the observed spread says a decision would need.
 *
 * @param result the check, classified at the look's level; its interval is the look's interval
 * @param roundsToDecide 0 when the check is decided at this look; for a check too small to be
 *     judged yet (too few rounds or samples) the rounds at which its data would first suffice,
 *     at the samples per round seen so far; for an INCONCLUSIVE check the
 *     total rounds at which, if the ratio and the per-round spread stayed as observed, the
 *     interval at the last look's level would fit between the estimate and the nearest margin
 *     boundary (a claim of change beyond it, or NO CHANGE inside it); not above the rounds so far
 *     means the spread already suffices at the last look's level and only this look's stricter
 *     level holds it back; -1 when no number of rounds would tell (the estimate sits on a
 *     boundary, or the check could not be computed)
 * @param roundSpread the spread of the log ratio that one round carries: the estimate's standard
 *     error times sqrt(rounds), so that n rounds give about {@code roundSpread / sqrt(n)}; what a
 *     pilot A/A tells about the rounds a shift needs ({@link Resolution}); NaN when unusable
 */
public record PairedCheck(CheckResult result, int roundsToDecide, double roundSpread) {

    public PairedCheck {
        Objects.requireNonNull(result, "result");
        if (roundsToDecide < -1) {
            throw new IllegalArgumentException("roundsToDecide must be >= -1, was " + roundsToDecide);
        }
    }

    public boolean decided() {
        return result.classification() != Classification.INCONCLUSIVE;
    }

    /**
     * What the console prints for an undecided check:
     * {@code not shown: ratio 1.040 [0.970, 1.110]; about 40 rounds would decide at this spread},
     * or for one too small to be judged
     * {@code not judged: 40,000 samples in the baseline; p99.9 needs at least 100,000 per arm;
     * about 10 rounds would give it enough data}.
     */
    public String notShown() {
        if (Double.isNaN(result.ciLow())) {
            return "not judged: " + result.reason() + (roundsToDecide > 0
                    ? "; about " + roundsToDecide + " rounds would give it enough data" : "");
        }
        String shown = "not shown: ratio " + Numbers.fixed(result.ratio(), 3) + " [" + Numbers.fixed(result.ciLow(), 3)
                + ", " + Numbers.fixed(result.ciHigh(), 3) + "]";
        if (roundsToDecide > 0) {
            return shown + "; about " + roundsToDecide + " rounds would decide at this spread";
        }
        return shown + "; no number of rounds would decide at this spread";
    }
}
