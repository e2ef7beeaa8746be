package dev.tailgate.compareservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.CorePlan;
import dev.tailgate.store.Manifest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A run over TLS or a Unix socket is not like a TCP run, even when the target is the declared variable. */
class TransportLikeWithLikeTest {

    private static Manifest run(Optional<Manifest.Transport> transport) {
        return new Manifest(Manifest.SCHEMA, "r1", "smoke", Manifest.Status.COMPLETE, Optional.empty(),
                Instant.parse("2026-11-25T10:00:00Z"), Optional.empty(), List.of("tailgate", "run"),
                new Manifest.JmhSettings(List.of("b"), Map.of(), 1, 1, "PT1S", 4, "PT1S", List.of(), "1.37"),
                Optional.empty(), Map.of(), new Manifest.RedisInfo("external", "redis://h:1/0", "7.0", Optional.empty(),
                        Optional.empty(), Optional.empty(), List.of(), Optional.empty(), "none", transport),
                new CorePlan(false, "none", Optional.empty(), List.of(), List.of(), List.of(), List.of()),
                new Manifest.Pinning("DISABLED", "off", List.of()),
                new Manifest.HostInfo("h", "Linux", "amd64", "17", "v", 2), Optional.empty());
    }

    private static Optional<Manifest.Transport> tls(String verify) {
        return Optional.of(new Manifest.Transport("tls", "default", Optional.of(verify), Optional.of("h"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private static Optional<Manifest.Transport> tcp() {
        return Optional.of(new Manifest.Transport("tcp", "default", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void aDifferentTransportOrVerificationIsAMismatchEvenForADeclaredTarget() {
        List<LikeWithLike.Mismatch> m = LikeWithLike.check(run(tcp()), run(tls("verify-full")),
                Set.of(LikeWithLike.Variable.REDIS_TARGET));
        assertEquals(1, m.size(), m.toString());
        assertEquals("redis transport", m.get(0).item());
        assertEquals("tls verify-full", m.get(0).candidate());
        assertFalse(LikeWithLike.check(run(tls("verify-full")), run(tls("insecure (no verification)")), Set.of()).isEmpty());
    }

    @Test
    void aManifestWithoutTransportIsATcpRunAndRoundTrips() throws Exception {
        assertTrue(LikeWithLike.check(run(Optional.empty()), run(tcp()), Set.of()).isEmpty());
        Manifest m = run(tls("verify-full"));
        Manifest back = JsonFiles.json().readValue(JsonFiles.json().writeValueAsString(m), Manifest.class);
        assertEquals(m.redis().transport(), back.redis().transport());
        assertEquals("tcp", JsonFiles.json().readValue(JsonFiles.json().writeValueAsString(run(Optional.empty())),
                Manifest.class).redis().transportKind());
    }
}
