package dev.tailgate.bench.support;

import java.io.IOException;

/** A {@link ClientTrial} whose connection under test is a raw RESP2 socket. */
public final class RawRespTrial extends ClientTrial {
    private final RawRespConnection connection;

    private RawRespTrial(BenchConfig cfg, BenchId id, String shortName, int keyCount, int valueBytes, int threadIndex) {
        super(cfg, id, shortName, keyCount, valueBytes, threadIndex, BenchConfig.Protocol.RESP2.name());
        RawRespConnection c;
        try {
            c = RedisConnections.raw(cfg);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.connection = c;
    }

    public static RawRespTrial open(BenchConfig cfg, BenchId id, String shortName, int keyCount, int valueBytes,
            int threadIndex) {
        return new RawRespTrial(cfg, id, shortName, keyCount, valueBytes, threadIndex);
    }

    public RawRespConnection connection() {
        return connection;
    }

    @Override
    protected void closeConnection() throws IOException {
        if (connection != null) {
            connection.close();
        }
    }
}
