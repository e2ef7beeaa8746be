package dev.tailgate.compare;

/** The outcome of one compare check. See docs/compare-statistics.md for the exact rule. */
public enum Classification {
    /** The interval lies entirely beyond the margin on the worse side and the check survives Holm. */
    REGRESSION,
    /** Mirror of REGRESSION on the better side. */
    IMPROVEMENT,
    /** The whole interval lies inside the margin: any change is smaller than what matters. */
    NO_CHANGE,
    /** The data cannot decide: the interval crosses a margin, Holm rejected it, or too few forks or samples. */
    INCONCLUSIVE
}
