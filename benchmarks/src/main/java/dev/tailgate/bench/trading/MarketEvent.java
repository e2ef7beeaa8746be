package dev.tailgate.bench.trading;

/**
 * One event of the synthetic market-data session, in exchange-timestamp order. Prices are
 * integer cents (the tick size), so every value has one exact decimal and binary form: the
 * same seed gives the same bytes in a file, a Redis hash or a sorted-set score.
 */
public sealed interface MarketEvent permits Tick, Order, Trade {
    String symbol();

    /** Exchange timestamp, nanoseconds since the Unix epoch; non-decreasing along a session. */
    long exchangeTimestampNanos();
}
