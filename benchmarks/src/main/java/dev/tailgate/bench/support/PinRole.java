package dev.tailgate.bench.support;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which part of a measurement a thread plays; written into each {@link PinningRecord}. */
public enum PinRole {
    /** A JMH benchmark thread issuing requests. */
    CLIENT("client"),
    /** A thread of the TCP echo server that gives the network floor. */
    ECHO_SERVER("echo-server"),
    /** A client library's own I/O thread (Lettuce's Netty event loop). */
    IO_THREAD("io-thread"),
    /**
     * The receiving side of a one-way measurement (stream consumer, pub/sub subscriber): pinned to
     * a client CPU of its own when the plan has one, else left unpinned off the producer's CPU.
     */
    CONSUMER("consumer"),
    /** The hiccup meter beside a closed-loop benchmark ({@link HiccupTrial}): evidence, not load. */
    HICCUP_METER("hiccup-meter");

    private final String label;

    PinRole(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
