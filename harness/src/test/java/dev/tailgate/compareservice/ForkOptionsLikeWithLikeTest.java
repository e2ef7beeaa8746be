package dev.tailgate.compareservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.CorePlan;
import dev.tailgate.model.ForkOptions;
import dev.tailgate.model.UsageException;
import dev.tailgate.store.Manifest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The forks' protocol, JVM options, profilers and floor I/O in the manifest, and like-with-like over them. */
class ForkOptionsLikeWithLikeTest {

    private static Manifest manifest(List<String> command, List<String> jvmArgsAppend) {
        return new Manifest(Manifest.SCHEMA, "r1", "smoke", Manifest.Status.COMPLETE, Optional.empty(),
                Instant.parse("2026-11-25T10:00:00Z"), Optional.empty(), command,
                new Manifest.JmhSettings(List.of("b"), Map.of(), 1, 1, "PT1S", 4, "PT1S", jvmArgsAppend, "1.37"),
                Optional.empty(), Map.of(), new Manifest.RedisInfo("embedded", "redis://127.0.0.1:1/0", "6.2",
                        Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), "none"),
                new CorePlan(false, "none", Optional.empty(), List.of(), List.of(), List.of(), List.of()),
                new Manifest.Pinning("DISABLED", "off", List.of()),
                new Manifest.HostInfo("h", "Linux", "amd64", "17", "v", 2), Optional.empty());
    }

    /** A run of today without options: its manifest records the default fork options. */
    private static Manifest plain() {
        return unrecorded().withFork(ForkOptions.DEFAULT);
    }

    /** A manifest written before fork options were recorded. */
    private static Manifest unrecorded() {
        return manifest(List.of("tailgate", "run"), List.of());
    }

    private static List<String> items(Manifest a, Manifest b, Set<LikeWithLike.Variable> declared) {
        return LikeWithLike.check(a, b, declared).stream().map(LikeWithLike.Mismatch::item).toList();
    }

    @Test
    void aProfiledRunIsUnlikeAnUnprofiledOneAndUnlikeOtherProfilers() {
        Manifest gc = plain().withFork(new ForkOptions("RESP2", List.of(), List.of("gc")));
        assertEquals(List.of("profilers"), items(plain(), gc, Set.of()));
        assertEquals("profilers: baseline none, candidate gc", LikeWithLike.check(plain(), gc, Set.of()).get(0).toString());
        Manifest stack = plain().withFork(new ForkOptions("RESP2", List.of(), List.of("stack")));
        assertEquals(List.of("profilers"), items(gc, stack, Set.of()));
        // no declared variable makes a profiler comparable: it perturbs the code it observes
        assertEquals(List.of("profilers"), items(gc, stack, Set.of(LikeWithLike.Variable.values())));
        assertEquals(List.of(), items(gc, plain().withFork(new ForkOptions("RESP2", List.of(), List.of("gc"))), Set.of()));
    }

    @Test
    void protocolAndJvmOptionsAreUnlikeUnlessDeclared() {
        Manifest resp3 = plain().withFork(ForkOptions.DEFAULT.withProtocol("RESP3"));
        assertEquals(List.of("protocol"), items(plain(), resp3, Set.of()));
        assertEquals(List.of(), items(plain(), resp3, Set.of(LikeWithLike.Variable.PROTOCOL)));
        Manifest heap = plain().withFork(ForkOptions.DEFAULT.plusJvmArgs(List.of("-Xmx2g")));
        assertEquals(List.of("fork JVM options"), items(plain(), heap, Set.of()));
        assertEquals(List.of(), items(plain(), heap, Set.of(LikeWithLike.Variable.JVM_ARGS)));
    }

    @Test
    void aManifestWithoutForkOptionsIsARunFromBeforeThemWithTheFloorOnStreams() throws Exception {
        String json = JsonFiles.json().writeValueAsString(unrecorded());
        assertFalse(json.contains("\"fork\""), json);
        Manifest old = JsonFiles.json().readValue(json, Manifest.class);
        assertEquals(ForkOptions.UNRECORDED, old.forkOptions());
        // asked for explicitly today, streams measure what they measured then: only the options' spelling differs
        assertEquals(List.of("fork JVM options"), items(old,
                plain().withFork(ForkOptions.DEFAULT.plusJvmArgs(List.of("-Dtailgate.io=stream"))), Set.of()));
        // today's default run measured its floor on the channel: not like an old one
        assertEquals(List.of("floor I/O: baseline stream, candidate channel"), LikeWithLike.check(old,
                plain().withFork(ForkOptions.DEFAULT), Set.of()).stream().map(Object::toString).toList());
    }

    @Test
    void aRunWithoutTheSwitchRecordsTheChannelAndAManifestFromBeforeTheFieldItsStreams() throws Exception {
        ForkOptions none = ForkOptions.of(Optional.empty(), List.of("-Xmx1g"), List.of());
        assertEquals("channel", none.floorIo());
        ObjectNode json = JsonFiles.json().valueToTree(plain().withFork(none));
        assertEquals("channel", json.at("/fork/floorIo").asText(), json.toString());
        assertEquals("channel", JsonFiles.json().treeToValue(json, Manifest.class).forkOptions().floorIo());
        // the same section as written before floorIo existed: the default then was socket streams
        ObjectNode fork = (ObjectNode) json.get("fork");
        fork.remove("floorIo");
        assertEquals("stream", JsonFiles.json().treeToValue(json, Manifest.class).forkOptions().floorIo());
        fork.putArray("jvmArgs").add("-Dtailgate.io=SPIN");
        assertEquals("spin", JsonFiles.json().treeToValue(json, Manifest.class).forkOptions().floorIo());
    }

    @Test
    void theFloorIoIsTheLastAskedForThenTheInheritedOneThenTheDefault() {
        assertEquals("stream", ForkOptions.of(Optional.empty(), List.of(), List.of(), Optional.of("stream")).floorIo());
        assertEquals("spin", ForkOptions.of(Optional.empty(), List.of("-Dtailgate.io=stream -Dtailgate.io=spin"),
                List.of(), Optional.of("stream")).floorIo());
        ForkOptions common = ForkOptions.of(Optional.empty(), List.of(), List.of(), Optional.of("stream"));
        assertEquals("stream", common.plusJvmArgs(List.of("-Xmx1g")).withProtocol("RESP3").floorIo());
        assertEquals("channel", common.plusJvmArgs(List.of("-Dtailgate.io=channel")).floorIo());
        UsageException bad = assertThrows(UsageException.class,
                () -> ForkOptions.of(Optional.empty(), List.of("-Dtailgate.io=epoll"), List.of()));
        assertEquals("--jvm-args -Dtailgate.io=epoll: tailgate.io: expected one of stream|channel|spin, got \"epoll\"",
                bad.getMessage());
        UsageException inherited = assertThrows(UsageException.class,
                () -> ForkOptions.of(Optional.empty(), List.of(), List.of(), Optional.of("nio")));
        assertTrue(inherited.getMessage().startsWith("-Dtailgate.io of tailgate's JVM (TAILGATE_JAVA_OPTS): "),
                inherited.getMessage());
    }

    @Test
    void aStreamFloorIsUnlikeAChannelFloorUnlessTheJvmOptionsAreTheDeclaredVariable() {
        Manifest channel = plain().withFork(ForkOptions.DEFAULT);
        Manifest stream = plain().withFork(ForkOptions.DEFAULT.plusJvmArgs(List.of("-Dtailgate.io=stream")));
        assertEquals(List.of("floor I/O: baseline channel, candidate stream",
                "fork JVM options: baseline none, candidate -Dtailgate.io=stream"),
                LikeWithLike.check(channel, stream, Set.of()).stream().map(Object::toString).toList());
        // inherited from tailgate's own JVM, the JVM options agree and the floor I/O alone tells the runs apart
        Manifest inherited = plain().withFork(ForkOptions.of(Optional.empty(), List.of(), List.of(), Optional.of("stream")));
        assertEquals(List.of("floor I/O"), items(channel, inherited, Set.of()));
        assertEquals(List.of(), items(channel, stream, Set.of(LikeWithLike.Variable.JVM_ARGS)));
        Manifest explicit = plain().withFork(ForkOptions.DEFAULT.plusJvmArgs(List.of("-Dtailgate.io=channel")));
        assertEquals(List.of("fork JVM options"), items(channel, explicit, Set.of()), "the same floor I/O either way");
    }

    @Test
    void secretJvmOptionsNeverReachTheManifest() throws Exception {
        Manifest m = manifest(List.of("tailgate", "run", "--jvm-args=-Xmx1g -Ddb.password=hunter2",
                        "--baseline", "profile:stock,jvm:-Dapi.token=s3cret"),
                List.of("-Dtailgate.redis.passwordFile=/tmp/pw", "-Ddb.password=hunter2"))
                .withFork(new ForkOptions("RESP3", List.of("-Xmx1g", "-Ddb.password=hunter2"), List.of("gc")))
                .withAb(Optional.of(new Manifest.AbInfo("ab", "baseline", "profile:stock,jvm:-Dapi.token=s3cret",
                        List.of(), List.of(), "other")));
        String json = JsonFiles.json().writeValueAsString(m);
        assertFalse(json.contains("hunter2") || json.contains("s3cret"), json);
        assertTrue(json.contains("-Ddb.password=<redacted>") && json.contains("-Dapi.token=<redacted>"), json);
        assertTrue(json.contains("-Dtailgate.redis.passwordFile=/tmp/pw"), "tailgate's own properties stay: " + json);
        Manifest back = JsonFiles.json().readValue(json, Manifest.class);
        assertEquals(List.of("-Xmx1g", "-Ddb.password=<redacted>"), back.forkOptions().jvmArgs());
        assertEquals("RESP3", back.forkOptions().protocol());
        assertEquals(List.of("gc"), back.forkOptions().profilers());
    }
}
