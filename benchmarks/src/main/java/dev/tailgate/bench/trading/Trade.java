package dev.tailgate.bench.trading;

import java.util.Objects;

/**
 * An execution. It names the resting orders it filled: the latest limit buy and limit sell of
 * the symbol that no earlier trade filled, or 0 when the book side had no such order (the
 * counterparty is outside the dataset).
 *
 * @param id             unique, increasing from 1 within a session
 * @param symbol         instrument
 * @param priceCents     execution price, cents, between bid and ask inclusive
 * @param quantity       shares, &gt; 0
 * @param buyOrderId     filled buy order id, 0 = none in the dataset
 * @param sellOrderId    filled sell order id, 0 = none in the dataset
 * @param timestampNanos exchange time, ns since the Unix epoch
 */
public record Trade(long id, String symbol, long priceCents, long quantity, long buyOrderId, long sellOrderId,
                    long timestampNanos) implements MarketEvent {
    public Trade {
        Objects.requireNonNull(symbol, "symbol");
        if (id <= 0 || priceCents <= 0 || quantity <= 0 || buyOrderId < 0 || sellOrderId < 0) {
            throw new IllegalArgumentException("id, price, quantity must be > 0 and order ids >= 0");
        }
    }

    @Override
    public long exchangeTimestampNanos() {
        return timestampNanos;
    }
}
