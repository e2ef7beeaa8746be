package dev.tailgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A TCP floor row of a new run carries the same id as one written before the transport param. */
class FloorTransportParamTest {
    private static final String FLOOR = "dev.tailgate.bench.net.TcpPingPongBenchmark.roundTrip";

    @Test
    void theTcpFloorKeepsItsOldIdAndTheOtherTransportsAreTheirOwnRows() {
        assertEquals(Map.of("payloadBytes", "14"), JmhJsonReader.floorAsBefore(FLOOR,
                Map.of("payloadBytes", "14", "transport", "tcp")));
        assertEquals(Map.of("payloadBytes", "14", "transport", "tls"), JmhJsonReader.floorAsBefore(FLOOR,
                Map.of("payloadBytes", "14", "transport", "tls")));
        assertEquals(Map.of("transport", "tcp"), JmhJsonReader.floorAsBefore("dev.x.OtherBenchmark.run",
                Map.of("transport", "tcp")), "only the floor's default is left out");
    }
}
