package dev.tailgate.bench.load;

import java.io.IOException;

/**
 * How one client library sends a load shape's commands over a thread's connections: a batch is
 * queued with {@link #send} and written with {@link #flush}; its replies are read later with
 * {@link #receive}, while the other connections' batches are in flight ({@link LoadTrial}).
 */
interface LoadDriver extends AutoCloseable {

    /** Queues one command on connection {@code conn}; {@code value} is null for commands without one. */
    void send(int conn, LoadCommand command, byte[] key, byte[] value) throws IOException;

    /** Writes what was queued on {@code conn}. */
    void flush(int conn) throws IOException;

    /**
     * Reads the next reply on {@code conn} and checks it is the reply {@code command} gets (an
     * error reply, or a reply of another type, fails the call with one line naming both): a
     * reply matched to the wrong command would mean the pipeline lost its order.
     */
    void receive(int conn, LoadCommand command) throws IOException;

    @Override
    void close() throws IOException;

    /** Fails a call whose reply was not of the type {@code command} gets, naming both. */
    static void check(boolean ok, LoadCommand command, int conn, Object reply) {
        if (!ok) {
            String what = reply == null ? "nil" : reply instanceof byte[] ? "bulk string" : reply.toString();
            throw new IllegalStateException(command + " on connection " + conn + ": unexpected reply " + what);
        }
    }
}
