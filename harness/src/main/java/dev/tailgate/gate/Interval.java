package dev.tailgate.gate;

/**
 * A point estimate with a two-sided confidence interval; {@code low} may be -Infinity and
 * {@code high} +Infinity when the data cannot bound that side.
 *
 * @param n      observations behind it (operations, or iteration scores)
 * @param forks  forks behind it
 * @param basis  how the interval was formed, for the reason text
 */
public record Interval(double estimate, double low, double high, long n, int forks, String basis) {
    public Interval scaled(double factor) {
        return new Interval(estimate * factor, low * factor, high * factor, n, forks, basis);
    }

    public boolean bounded() {
        return Double.isFinite(low) && Double.isFinite(high);
    }
}
