package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SwitchPropertyTest {

    @Test
    void unsetIsTheDefaultAndCaseDoesNotMatter() {
        assertEquals(FloorIo.STREAM, SwitchProperty.read(Map.<String, String>of()::get, FloorIo.PROPERTY, FloorIo.STREAM));
        assertEquals(FloorIo.SPIN, SwitchProperty.read(Map.of(FloorIo.PROPERTY, " Spin ")::get, FloorIo.PROPERTY,
                FloorIo.STREAM));
        assertEquals(HiccupPlacement.OFF, SwitchProperty.parse(HiccupPlacement.PROPERTY, "off", HiccupPlacement.ON));
    }

    @Test
    void anUnknownValueIsOneLineNamingThePropertyAndTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SwitchProperty.parse(FloorIo.PROPERTY, "epoll", FloorIo.STREAM));
        assertEquals("tailgate.io: expected one of stream|channel|spin, got \"epoll\"", e.getMessage());
    }
}
