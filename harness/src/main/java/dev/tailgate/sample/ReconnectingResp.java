package dev.tailgate.sample;

import dev.tailgate.bench.openloop.RespPipe;
import dev.tailgate.redis.RedisTarget;
import java.io.IOException;
import java.util.Optional;

/**
 * The sampler's connection: raw RESP PING (no client library in the measured path), and when the
 * target goes away, reconnects with exponential backoff (10 ms doubling to 1 s) so that a
 * restarting Redis is neither hammered nor lost. Used from the sender thread only.
 */
final class ReconnectingResp implements AutoCloseable {
    static final long MIN_BACKOFF_NANOS = 10_000_000L;
    static final long MAX_BACKOFF_NANOS = 1_000_000_000L;

    private final RedisTarget target;
    private final Optional<String> password;
    private final int readTimeoutMillis;
    private RespPipe pipe;
    private long nextAttemptNanos;
    private long backoffNanos = MIN_BACKOFF_NANOS;
    private long reconnects;

    ReconnectingResp(RedisTarget target, Optional<String> password, int readTimeoutMillis) {
        this.target = target;
        this.password = password;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** First connection: failure here is the user's problem (wrong target), not a restart. */
    void connectOrThrow() throws IOException {
        pipe = open();
    }

    private RespPipe open() throws IOException {
        RespPipe p = RespPipe.connect(target.endpoint(), target.user(), password, readTimeoutMillis, "PING");
        if (target.db() != 0 && p.command("SELECT", String.valueOf(target.db())) != '+') {
            p.close();
            throw new IOException("SELECT " + target.db() + " refused");
        }
        return p;
    }

    /** True if connected, trying to reconnect if the backoff allows it at {@code nowNanos}. */
    boolean ensureConnected(long nowNanos) {
        if (pipe != null) {
            return true;
        }
        if (nowNanos - nextAttemptNanos < 0) {
            return false;
        }
        try {
            pipe = open();
            reconnects++;
            backoffNanos = MIN_BACKOFF_NANOS;
            return true;
        } catch (IOException e) {
            nextAttemptNanos = nowNanos + backoffNanos;
            backoffNanos = Math.min(2 * backoffNanos, MAX_BACKOFF_NANOS);
            return false;
        }
    }

    long nextAttemptNanos() {
        return nextAttemptNanos;
    }

    long reconnects() {
        return reconnects;
    }

    /** One PING and its reply; an error reply (e.g. LOADING after a restart) is a failure too. */
    void call() throws IOException {
        long before = pipe.errorReplies();
        pipe.call();
        if (pipe.errorReplies() != before) {
            throw new IOException("error reply from " + target.url());
        }
    }

    /** After a failure: close, retry at once the first time, then back off. */
    void drop(long nowNanos) {
        closeQuietly();
        nextAttemptNanos = nowNanos;
    }

    private void closeQuietly() {
        if (pipe != null) {
            try {
                pipe.close();
            } catch (IOException ignored) {
                // already broken
            }
            pipe = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
