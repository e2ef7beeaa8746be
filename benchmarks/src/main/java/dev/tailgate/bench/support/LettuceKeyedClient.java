package dev.tailgate.bench.support;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link LettuceClient} with {@link ClientTrial#KEYS_PER_THREAD} preloaded keys of {@code valueBytes}. */
@State(Scope.Thread)
public class LettuceKeyedClient extends LettuceClient {
    /** Value sizes matching TcpPingPong's payloads, so "Redis minus floor" can be taken. */
    @Param({"16", "64", "512", "4096"})
    public int valueBytes;

    @Override
    protected int keyCount() {
        return ClientTrial.KEYS_PER_THREAD;
    }

    @Override
    protected int valueBytes() {
        return valueBytes;
    }
}
