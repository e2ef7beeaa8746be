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

    @Test
    void prefetchedDigestsEqualTheDirectOnes() throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "abc");
        Path b = Files.write(dir.resolve("b.json"), new byte[3_000_000]);
        Path c = Files.writeString(dir.resolve("c.json"), "not prefetched");
        Map<String, Path> inputs = Map.of("a", a, "b", b, "c", c);
        Provenance.Prefetched pre = Provenance.Prefetched.start(List.of(a, b, dir.resolve("missing.json")));
        assertEquals(Provenance.digests(inputs), Provenance.digests(inputs, pre));
    }

    /** A file rewritten after its hashing began is hashed again: the ledger gets what is there now. */
    @Test
    void aFileChangedSincePrefetchIsHashedAgain() throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "abc");
        Provenance.Prefetched pre = Provenance.Prefetched.start(List.of(a));
        assertEquals(Provenance.sha256Hex(a), pre.sha256Hex(a)); // waits for the background digest
        Files.writeString(a, "abcd"); // another size
        assertEquals(Provenance.sha256Hex(a), pre.sha256Hex(a));
        assertEquals(Provenance.digests(Map.of("a", a)).get("a"), pre.sha256Hex(a));
    }

    @Test
    void aPrefetchedFileThatVanishedIsBadInputAsBefore() throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "abc");
        Provenance.Prefetched pre = Provenance.Prefetched.start(List.of(a));
        pre.sha256Hex(a);
        Files.delete(a);
        BadInputException e = assertThrows(BadInputException.class, () -> pre.sha256Hex(a));
        assertEquals(true, e.getMessage().startsWith(a.toString()));
    }

    /** The child JVM a C1-only command hashes in gives the same digests, and none for a file it cannot read. */
    @Test
    void aChildJvmHashesAsThisOneDoes() throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "abc");
        Path b = Files.write(dir.resolve("b.json"), new byte[5_000_000]);
        Path missing = dir.resolve("missing.json");
        String[] d = DigestJvm.digests(List.of(a, missing, b));
        assertEquals(Provenance.sha256Hex(a), d[0]);
        assertEquals(null, d[1]);
        assertEquals(Provenance.sha256Hex(b), d[2]);
    }

    /**
     * openssl, which a C1-only command hashes with first, gives the same digests, none for a file
     * it cannot read, and none at all when it is not installed (the child JVM then does them).
     */
    @Test
    void opensslHashesAsThisJvmDoesAndIsOptional() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(hasOpenssl(), "openssl is not installed here");
        Path a = Files.writeString(dir.resolve("a b.json"), "abc");
        Path b = Files.write(dir.resolve("b.json"), new byte[5_000_000]);
        Path missing = dir.resolve("missing.json");
        String[] d = new String[3];
        OpensslDigest.fill(List.of(a, missing, b), d);
        assertEquals(Provenance.sha256Hex(a), d[0]);
        assertEquals(null, d[1]);
        assertEquals(Provenance.sha256Hex(b), d[2]);

        String[] kept = {"x", null};
        OpensslDigest.fill(List.of(a, b), kept);
        assertEquals("x", kept[0], "a slot already filled is left alone");
        assertEquals(Provenance.sha256Hex(b), kept[1]);

        String[] none = new String[2];
        OpensslDigest.fill(dir.resolve("no-such-openssl").toString(), List.of(a, b), none);
        assertEquals(null, none[0]);
        assertEquals(null, none[1]);
        DigestJvm.fill(List.of(a, b), none);
        assertEquals(Provenance.sha256Hex(a), none[0]);
        assertEquals(Provenance.sha256Hex(b), none[1]);
    }

    private static boolean hasOpenssl() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
