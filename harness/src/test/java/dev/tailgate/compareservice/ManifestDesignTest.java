package dev.tailgate.compareservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.CorePlan;
import dev.tailgate.model.Injection;
import dev.tailgate.store.Manifest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The optional injection and design fields: written when present, absent (and tolerated) otherwise. */
class ManifestDesignTest {

    static Manifest plain() {
        return new Manifest(Manifest.SCHEMA, "r1", "smoke", Manifest.Status.COMPLETE, Optional.empty(),
                Instant.parse("2026-11-25T10:00:00Z"), Optional.empty(), List.of("tailgate", "ab"),
                new Manifest.JmhSettings(List.of("b"), Map.of(), 1, 1, "PT1S", 4, "PT1S", List.of(), "1.37"),
                Optional.empty(), Map.of(), new Manifest.RedisInfo("embedded", "redis://127.0.0.1:1/0", "6.2",
                        Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), "none"),
                new CorePlan(false, "none", Optional.empty(), List.of(), List.of(), List.of(), List.of()),
                new Manifest.Pinning("DISABLED", "off", List.of()),
                new Manifest.HostInfo("h", "Linux", "amd64", "17", "v", 2), Optional.empty());
    }

    @Test
    void injectionAndDesignRoundTrip() throws Exception {
        Manifest m = plain().withInjection(Optional.of(new Injection(5_000, 0.01)))
                .withDesign(Optional.of(Manifest.Design.pairedIterations("ABBA", "B")));
        String json = JsonFiles.json().writeValueAsString(m);
        assertTrue(json.contains("\"injection\""), json);
        assertTrue(json.contains("\"paired-iterations\""), json);
        Manifest back = JsonFiles.json().readValue(json, Manifest.class);
        assertEquals(m, back);
        Manifest done = back.finished(Manifest.Status.COMPLETE, Optional.empty(), Instant.EPOCH, back.pinning());
        assertEquals(m.injection(), done.injection(), "finishing keeps the injection");
        assertEquals(m.design(), done.design());
    }

    @Test
    void olderManifestsWithoutTheFieldsReadAsPlainRuns() throws Exception {
        String json = JsonFiles.json().writeValueAsString(plain());
        assertTrue(!json.contains("injection") && !json.contains("design"), json);
        Manifest back = JsonFiles.json().readValue(json, Manifest.class);
        assertEquals(Optional.empty(), back.injection());
        assertEquals(Optional.empty(), back.design());
    }

    @Test
    void compareNotesNameTheInjectedSideFirst() {
        Manifest inj = plain().withInjection(Optional.of(new Injection(5_000, 1)));
        assertEquals(List.of("INJECTED: candidate is an injected run: not a real measurement (spin 5 µs on every call)"),
                CompareService.injectedNotes(Optional.of(plain()), Optional.of(inj)));
        assertEquals(List.of(), CompareService.injectedNotes(Optional.of(plain()), Optional.empty()));
    }
}
