package dev.tailgate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

    @TempDir
    Path dir;

    @Test
    void digestsAreSha256OfTheBytesAndFitADraft() throws IOException {
        Path jmh = Files.writeString(dir.resolve("jmh.json"), "abc");
        Map<String, String> d = Provenance.digests(Map.of("jmh.json", jmh));
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                d.get("jmh.json"));
        new LedgerEntryDraft(TestDrafts.T0, "gate", "PASS", List.of(), d, "unknown",
                Provenance.host(), Provenance.user(), List.of());
        assertFalse(Provenance.host().isBlank());
    }

    @Test
    void unreadableInputIsBadInputNamingTheFile() {
        Path missing = dir.resolve("manifest.json");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Provenance.sha256Hex(missing));
        assertEquals(true, e.getMessage().startsWith(missing.toString()));
    }
}
