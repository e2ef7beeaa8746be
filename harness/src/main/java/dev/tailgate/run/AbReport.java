package dev.tailgate.run;

import dev.tailgate.compare.Classification;
import dev.tailgate.compare.PairedCheck;
import dev.tailgate.compare.PairedLook;
import dev.tailgate.model.Numbers;
import java.util.ArrayList;
import java.util.List;

/** What an A/B prints as its intervals narrow: one line per look. Pure formatting. */
public final class AbReport {
    /**
     * An interval whose ends are more than this factor apart is printed as "wider than 100x":
     * the first looks of an O'Brien-Fleming-type schedule spend almost nothing, so their
     * intervals run to 10^20 and beyond, which says only that the look cannot decide.
     */
    static final int WIDEST = 100;

    private AbReport() {
    }

    /**
     * {@code look 2 at 8 rounds (level 0.0012): JedisPing p50 1.043 [0.998, 1.090] INCONCLUSIVE; ...}:
     * every gating check's ratio and interval at the look's level, and its classification.
     */
    public static String lookLine(PairedLook look) {
        List<String> parts = new ArrayList<>();
        for (PairedCheck c : look.checks()) {
            var r = c.result();
            if (!r.gating()) {
                continue;
            }
            String where = Double.isNaN(r.ciLow()) ? "not judged yet"
                    : !(r.ciHigh() / r.ciLow() < WIDEST) ? Numbers.fixed(r.ratio(), 3) + " [wider than " + WIDEST + "x]"
                    : Numbers.fixed(r.ratio(), 3) + " [" + Numbers.fixed(r.ciLow(), 3) + ", " + Numbers.fixed(r.ciHigh(), 3) + "]";
            parts.add(shortName(r.benchmark()) + " " + r.statistic().label() + " " + where + " "
                    + (r.classification() == Classification.INCONCLUSIVE ? "open" : r.classification().name().replace('_', ' ')));
        }
        return "look " + (look.index() + 1) + " at " + look.look().rounds() + " rounds (one-sided level "
                + Numbers.general(look.look().level(), 2) + (look.stop() ? ", stop" : "") + "): " + String.join("; ", parts);
    }

    private static String shortName(String benchmark) {
        String s = benchmark.replaceFirst("^dev\\.tailgate\\.bench\\.[a-z]+\\.", "");
        return s.replace("Benchmark.", ".");
    }
}
