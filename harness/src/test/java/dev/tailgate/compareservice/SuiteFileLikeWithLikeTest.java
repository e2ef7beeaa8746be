package dev.tailgate.compareservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.io.JsonFiles;
import dev.tailgate.store.Manifest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The suite file in the manifest, and the one like-with-like rule it adds. */
class SuiteFileLikeWithLikeTest {
    private static final String SETTINGS_A = "a".repeat(64);
    private static final String SETTINGS_B = "b".repeat(64);

    private static Manifest with(String source, String sha, String settings) {
        return ManifestDesignTest.plain().withSuiteFile(Optional.of(new Manifest.SuiteFile(source, sha, settings)));
    }

    @Test
    void theSuiteFileRoundTripsAndSurvivesTheEndOfTheRun() throws Exception {
        Manifest m = with("bundled:suites/smoke.yaml", "1".repeat(64), SETTINGS_A);
        String json = JsonFiles.json().writeValueAsString(m);
        assertTrue(json.contains("\"suiteFile\""), json);
        Manifest back = JsonFiles.json().readValue(json, Manifest.class);
        assertEquals(m, back);
        assertEquals(m.suiteFile(), back.finished(Manifest.Status.COMPLETE, Optional.empty(), Instant.EPOCH,
                back.pinning()).suiteFile());
    }

    @Test
    void differentSuiteSettingsAreUnlike() {
        List<LikeWithLike.Mismatch> m = LikeWithLike.check(with("suites/smoke.yaml", "1".repeat(64), SETTINGS_A),
                with("suites/smoke.yaml", "2".repeat(64), SETTINGS_B), Set.of());
        assertEquals(1, m.size(), m.toString());
        assertEquals("suite settings", m.get(0).item());
        assertTrue(m.get(0).baseline().startsWith("smoke aaaaaaaaaaaa (suites/smoke.yaml, file sha256 111111111111)"),
                m.get(0).toString());
    }

    /** A comment, the description or the layout changes the file's hash and nothing a run measures. */
    @Test
    void aDifferentFileWithTheSameSettingsIsLike() {
        assertEquals(List.of(), LikeWithLike.check(with("bundled:suites/smoke.yaml", "1".repeat(64), SETTINGS_A),
                with("suites/smoke.yaml", "2".repeat(64), SETTINGS_A), Set.of()));
    }

    @Test
    void aManifestFromBeforeSuiteFilesIsJudgedByItsJmhSettingsAlone() {
        assertEquals(List.of(), LikeWithLike.check(ManifestDesignTest.plain(),
                with("suites/smoke.yaml", "1".repeat(64), SETTINGS_A), Set.of()));
    }
}
