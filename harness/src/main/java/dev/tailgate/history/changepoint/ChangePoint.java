package dev.tailgate.history.changepoint;

/**
 * One step in a series.
 *
 * @param index      the first point after the step
 * @param meanBefore arithmetic mean of the segment before (from the previous change point or the
 *                   start of the series)
 * @param meanAfter  arithmetic mean of the segment after (up to the next change point or the end)
 * @param ratio      {@code meanAfter / meanBefore}: for latencies, above 1 is slower
 * @param ratioLow   lower end of its 95% interval (NaN when a mean is not positive)
 * @param ratioHigh  upper end of its 95% interval (NaN when a mean is not positive)
 * @param pValue     two-sided Student t-test p-value of the two segments
 */
public record ChangePoint(int index, double meanBefore, double meanAfter, double ratio,
                          double ratioLow, double ratioHigh, double pValue) {
}
