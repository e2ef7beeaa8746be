package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainFlagsTest {
    private static final List<String> KNOWN = List.of("--a", "--b");

    @Test
    void flagsKeepTheirValuesInOrderAndARepeatKeepsTheLast() {
        assertEquals(List.of(Map.entry("--b", "2"), Map.entry("--a", "3")),
                List.copyOf(MainFlags.parse(new String[] {"--b", "2", "--a", "1", "--a", "3"}, KNOWN).entrySet()));
        assertEquals(Map.of(), MainFlags.parse(new String[0], KNOWN));
    }

    @Test
    void anUnknownFlagOrAMissingValueIsOneLineNamingIt() {
        assertEquals("unknown option --c (expected --a, --b)",
                assertThrows(IllegalArgumentException.class, () -> MainFlags.parse(new String[] {"--c", "1"}, KNOWN)).getMessage());
        assertEquals("--b: missing value",
                assertThrows(IllegalArgumentException.class, () -> MainFlags.parse(new String[] {"--a", "1", "--b"}, KNOWN)).getMessage());
    }
}
