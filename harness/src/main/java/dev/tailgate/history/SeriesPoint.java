package dev.tailgate.history;

/**
 * One run's value of one series, in the series' unit.
 *
 * @param low  null when unbounded
 * @param high null when unbounded
 */
public record SeriesPoint(HistoryRun run, double value, Double low, Double high, long samples) {
}
