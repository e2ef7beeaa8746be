package dev.tailgate.bench.support;

import java.util.List;
import java.util.Objects;

/** A RESP2 reply, as read by {@link RespReader}. */
public sealed interface RespReply {

    /** {@code +OK}, {@code +PONG}. */
    record Simple(String text) implements RespReply {
        public Simple {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code -ERR ...}: the server refused the command. */
    record Error(String message) implements RespReply {
        public Error {
            Objects.requireNonNull(message, "message");
        }
    }

    /** {@code :42}. */
    record Int(long value) implements RespReply {
    }

    /** {@code $5\r\nhello\r\n}; the bytes are the full payload, exactly as sent. */
    record Bulk(byte[] value) implements RespReply {
        public Bulk {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code $-1} or {@code *-1}: no value (GET of a missing key). */
    record Nil() implements RespReply {
    }

    /** {@code *2\r\n...}. */
    record Array(List<RespReply> items) implements RespReply {
        public Array {
            items = List.copyOf(items);
        }
    }
}
