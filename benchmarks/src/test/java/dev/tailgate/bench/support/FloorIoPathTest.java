package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Which I/O a path gets from {@code tailgate.io}: over TCP the channel by default (the floor and
 * raw RESP together), over TLS and Unix sockets the socket streams they only have, and an
 * explicit other mode there refused in one line instead of measured as streams.
 */
class FloorIoPathTest {

    @Test
    void tcpPathsDefaultToTheChannelAndTakeWhatIsAsked() {
        assertEquals(FloorIo.CHANNEL, FloorIo.DEFAULT);
        assertEquals(FloorIo.CHANNEL, FloorIo.forPath(null, true, "tcp"));
        assertEquals(FloorIo.CHANNEL, FloorIo.forPath(" ", true, "tcp"));
        for (FloorIo io : FloorIo.values()) {
            assertEquals(io, FloorIo.forPath(SwitchProperty.name(io), true, "tcp"));
        }
    }

    @Test
    void streamsOnlyPathsTakeStreamsAndRefuseAnotherModeAskedFor() {
        assertEquals(FloorIo.STREAM, FloorIo.forPath(null, false, "rediss://127.0.0.1:6380"));
        assertEquals(FloorIo.STREAM, FloorIo.forPath("stream", false, "unix:///tmp/r.sock"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FloorIo.forPath("channel", false, "rediss://127.0.0.1:6380"));
        assertEquals("tailgate.io=channel: rediss://127.0.0.1:6380 has socket streams only; leave tailgate.io unset"
                + " or stream", e.getMessage());
        assertEquals("tailgate.io: expected one of stream|channel|spin, got \"epoll\"", assertThrows(
                IllegalArgumentException.class, () -> FloorIo.forPath("epoll", false, "unix:///tmp/r.sock")).getMessage());
    }
}
