package dev.tailgate.bench.support;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link ClientState} on one Lettuce connection, no keys (PING). */
@State(Scope.Thread)
public class LettuceClient extends ClientState<LettuceConnection> {
    @Override
    protected ClientTrial<LettuceConnection> connect(BenchConfig cfg, BenchId id, int keyCount, int valueBytes,
            int threadIndex) {
        return ClientTrial.lettuce(cfg, id, keyCount, valueBytes, threadIndex);
    }
}
