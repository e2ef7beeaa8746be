package dev.tailgate.compare;

/**
 * How the data behind a check were measured and resampled; reports and {@code comparison.json}
 * name it beside every check, because the same interval means different things under each.
 * See docs/compare-statistics.md, "Paired A/B".
 */
public enum Design {
    /**
     * Two unrelated runs: each arm's forks are resampled on their own ({@link CompareEngine}).
     * Whatever the host did during one run and not the other is in the interval in full.
     */
    INDEPENDENT("independent"),
    /**
     * {@code tailgate ab} with one JMH fork per arm and round, rounds in ABBA order: the
     * bootstrap picks whole rounds, each bringing its baseline and its candidate fork.
     */
    PAIRED_FORK_ROUNDS("paired fork rounds"),
    /**
     * One JMH fork alternates iterations between baseline and candidate (A B B A ...): a round
     * is one iteration of each, rounds are nested in forks, and the bootstrap picks forks, then
     * rounds inside each picked fork, each bringing both sides.
     */
    PAIRED_ITERATION_ROUNDS("paired iteration rounds");

    private final String label;

    Design(String label) {
        this.label = label;
    }

    /** What reports print: {@code paired fork rounds}. */
    public String label() {
        return label;
    }

    public boolean paired() {
        return this != INDEPENDENT;
    }
}
