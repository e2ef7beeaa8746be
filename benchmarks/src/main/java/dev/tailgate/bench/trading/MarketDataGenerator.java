package dev.tailgate.bench.trading;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic market data: a pure function of {@link GeneratorConfig}. No clock,
 * no hash-ordered collections, no locale: the same config gives the same events on every JVM.
 *
 * <p>Each event picks a symbol by Zipf popularity ({@link ZipfSampler}) and an arrival time from
 * the bursty schedule ({@link ArrivalSchedule}), then a kind: 60% ticks, 30% orders, 10% trades.
 * Per symbol the bid follows a random walk in whole cents (mostly -1/0/+1 cent, occasionally a
 * jump of up to 5 cents, floored at 1 cent); the spread is 1 cent 60% of the time, else 2–4
 * cents, so bid &lt; ask always holds. Limit orders rest 0–4 cents behind the touch, market
 * orders carry the touch price; trades print at the bid or the ask and fill the latest
 * unfilled limit order on each side.
 *
 * <p>Independent random streams (split from the seed) drive the bursts, the gaps, the symbol
 * choice and the event contents, so changing one aspect of the model does not reshuffle the
 * others.
 */
public final class MarketDataGenerator implements Iterator<MarketEvent> {
    private final GeneratorConfig config;
    private final ArrivalSchedule arrivals;
    private final ZipfSampler zipf;
    private final SplittableRandom symbolRnd;
    private final SplittableRandom eventRnd;
    private final String[] names;
    private final long[] bid;
    private final long[] spread;
    private final long[] last;
    private final long[] bidSize;
    private final long[] askSize;
    private final long[] restingBuy;
    private final long[] restingSell;
    private long produced;
    private long nextOrderId = 1;
    private long nextTradeId = 1;

    public MarketDataGenerator(GeneratorConfig config) {
        this.config = config;
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom burstRnd = root.split();
        SplittableRandom gapRnd = root.split();
        this.symbolRnd = root.split();
        this.eventRnd = root.split();
        SplittableRandom initRnd = root.split();
        this.arrivals = new ArrivalSchedule(config.events(), config.sessionStartNanos(), config.sessionNanos(),
                burstRnd, gapRnd);
        this.zipf = new ZipfSampler(config.symbols(), config.zipfExponent());
        int n = config.symbols();
        names = new String[n];
        bid = new long[n];
        spread = new long[n];
        last = new long[n];
        bidSize = new long[n];
        askSize = new long[n];
        restingBuy = new long[n];
        restingSell = new long[n];
        for (int i = 0; i < n; i++) {
            names[i] = config.symbolName(i + 1);
            bid[i] = 1_000 + initRnd.nextInt(49_000);
            spread[i] = 1;
            last[i] = bid[i];
            bidSize[i] = 100;
            askSize[i] = 100;
        }
    }

    /**
     * The first {@code count} ticks of a session (for benchmark payloads): the session is sized
     * at three events per wanted tick (60% are ticks), so timestamps spread as in a real one.
     */
    public static List<Tick> ticks(GeneratorConfig config, int count) {
        List<Tick> out = new ArrayList<>(count);
        MarketDataGenerator g = new MarketDataGenerator(
                new GeneratorConfig(config.symbols(), Math.max(64L, 3L * count), config.seed(), config.zipfExponent(),
                        config.sessionStartNanos(), config.sessionNanos()));
        while (out.size() < count) {
            if (!g.hasNext()) {
                throw new IllegalStateException("seed " + config.seed() + " gave fewer than " + count + " ticks");
            }
            if (g.next() instanceof Tick t) {
                out.add(t);
            }
        }
        return out;
    }

    public GeneratorConfig config() {
        return config;
    }

    public ArrivalSchedule schedule() {
        return arrivals;
    }

    public ZipfSampler popularity() {
        return zipf;
    }

    @Override
    public boolean hasNext() {
        return produced < config.events();
    }

    @Override
    public MarketEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + config.events() + " events generated");
        }
        produced++;
        long ts = arrivals.next();
        int s = zipf.sample(symbolRnd) - 1;
        int kind = eventRnd.nextInt(10);
        if (kind < 6) {
            return tick(s, ts);
        }
        return kind < 9 ? order(s, ts) : trade(s, ts);
    }

    private Tick tick(int s, long ts) {
        long step = eventRnd.nextInt(3) - 1;
        if (eventRnd.nextInt(20) == 0) {
            step *= 1 + eventRnd.nextInt(5);
        }
        bid[s] = Math.max(1, bid[s] + step);
        spread[s] = eventRnd.nextInt(10) < 6 ? 1 : 2 + eventRnd.nextInt(3);
        bidSize[s] = 100L * (1 + eventRnd.nextInt(20));
        askSize[s] = 100L * (1 + eventRnd.nextInt(20));
        return new Tick(names[s], bid[s], bid[s] + spread[s], bidSize[s], askSize[s], last[s], ts);
    }

    private Order order(int s, long ts) {
        Order.Side side = eventRnd.nextBoolean() ? Order.Side.BUY : Order.Side.SELL;
        Order.Type type = eventRnd.nextInt(10) < 8 ? Order.Type.LIMIT : Order.Type.MARKET;
        long ask = bid[s] + spread[s];
        long behind = type == Order.Type.LIMIT ? eventRnd.nextInt(5) : 0;
        long price = side == Order.Side.BUY ? Math.max(1, bid[s] - behind) : ask + behind;
        long qty = 100L * (1 + eventRnd.nextInt(10));
        long id = nextOrderId++;
        if (type == Order.Type.LIMIT) {
            if (side == Order.Side.BUY) {
                restingBuy[s] = id;
            } else {
                restingSell[s] = id;
            }
        }
        return new Order(id, names[s], side, price, qty, type, ts);
    }

    private Trade trade(int s, long ts) {
        long price = eventRnd.nextBoolean() ? bid[s] : bid[s] + spread[s];
        long qty = 100L * (1 + eventRnd.nextInt(10));
        Trade t = new Trade(nextTradeId++, names[s], price, qty, restingBuy[s], restingSell[s], ts);
        restingBuy[s] = 0;
        restingSell[s] = 0;
        last[s] = price;
        return t;
    }
}
