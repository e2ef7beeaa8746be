package dev.tailgate.dataset;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tailgate.bench.trading.GeneratorConfig;
import dev.tailgate.bench.trading.MarketDataGenerator;
import dev.tailgate.bench.trading.MarketEvent;
import dev.tailgate.bench.trading.Order;
import dev.tailgate.bench.trading.Tick;
import dev.tailgate.bench.trading.Trade;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a session as JSON Lines (schema {@value #SCHEMA}, see docs/dataset.md): one header
 * object, then one object per event in timestamp order. Field order is fixed by this code and
 * numbers are integers (cents, ns), so the bytes depend on the config alone.
 */
public final class DatasetFileWriter {
    public static final String SCHEMA = "tailgate.dataset/1";
    private static final int PROGRESS_EVERY = 10_000;

    private DatasetFileWriter() {
    }

    public static DatasetSummary write(GeneratorConfig config, OutputStream target, DatasetProgress progress)
            throws IOException {
        long start = System.nanoTime();
        long ticks = 0;
        long orders = 0;
        long trades = 0;
        OutputStream buffered = new BufferedOutputStream(target, 1 << 16);
        JsonFactory factory = JsonFactory.builder().build();
        try (JsonGenerator g = factory.createGenerator(buffered, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            // One object per line: no separator between root values, a newline after each.
            g.setRootValueSeparator(null);
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeNumberField("seed", config.seed());
            g.writeNumberField("symbols", config.symbols());
            g.writeNumberField("events", config.events());
            g.writeNumberField("zipfExponent", config.zipfExponent());
            g.writeNumberField("sessionStartNanos", config.sessionStartNanos());
            g.writeNumberField("sessionNanos", config.sessionNanos());
            g.writeStringField("priceUnit", "cents");
            g.writeStringField("timestampUnit", "ns since the Unix epoch");
            g.writeEndObject();
            g.writeRaw('\n');
            MarketDataGenerator gen = new MarketDataGenerator(config);
            long done = 0;
            while (gen.hasNext()) {
                MarketEvent e = gen.next();
                g.writeStartObject();
                if (e instanceof Tick t) {
                    ticks++;
                    writeTick(g, t);
                } else if (e instanceof Order o) {
                    orders++;
                    writeOrder(g, o);
                } else if (e instanceof Trade t) {
                    trades++;
                    writeTrade(g, t);
                }
                g.writeEndObject();
                g.writeRaw('\n');
                if (++done % PROGRESS_EVERY == 0) {
                    progress.update(done, config.events());
                }
            }
            progress.update(done, config.events());
        }
        buffered.flush();
        return new DatasetSummary(ticks + orders + trades, ticks, orders, trades, 0, System.nanoTime() - start);
    }

    private static void writeTick(JsonGenerator g, Tick t) throws IOException {
        g.writeStringField("type", "tick");
        g.writeNumberField("ts", t.exchangeTimestampNanos());
        g.writeStringField("symbol", t.symbol());
        g.writeNumberField("bidCents", t.bidCents());
        g.writeNumberField("askCents", t.askCents());
        g.writeNumberField("bidSize", t.bidSize());
        g.writeNumberField("askSize", t.askSize());
        g.writeNumberField("lastCents", t.lastCents());
    }

    private static void writeOrder(JsonGenerator g, Order o) throws IOException {
        g.writeStringField("type", "order");
        g.writeNumberField("ts", o.exchangeTimestampNanos());
        g.writeNumberField("id", o.id());
        g.writeStringField("symbol", o.symbol());
        g.writeStringField("side", o.side().name());
        g.writeNumberField("priceCents", o.priceCents());
        g.writeNumberField("quantity", o.quantity());
        g.writeStringField("orderType", o.type().name());
    }

    private static void writeTrade(JsonGenerator g, Trade t) throws IOException {
        g.writeStringField("type", "trade");
        g.writeNumberField("ts", t.timestampNanos());
        g.writeNumberField("id", t.id());
        g.writeStringField("symbol", t.symbol());
        g.writeNumberField("priceCents", t.priceCents());
        g.writeNumberField("quantity", t.quantity());
        g.writeNumberField("buyOrderId", t.buyOrderId());
        g.writeNumberField("sellOrderId", t.sellOrderId());
    }
}
