package dev.tailgate.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.results.TextResult;

/** profilers.txt: the profilers' figures, then their text profiles; sample-mode percentiles left to jmh.json. */
class ProfileFilesTest {

    @Test
    void figuresThenTextProfiles() {
        String stack = "Secondary result stack:\n....[Thread state: RUNNABLE]\n 60.0%  java.net.SocketInputStream.read\n"
                + " 40.0%  redis.clients.jedis.Protocol.read\n";
        String t = ProfileFiles.text("b.ping", Map.of("size", "64"), List.of("gc", "stack"), List.of(
                new ScalarResult("gc.alloc.rate.norm", 96.0, "B/op", AggregationPolicy.AVG),
                new ScalarResult("p0.99", 1.5e6, "ns/op", AggregationPolicy.AVG),
                new TextResult(stack, "stack")));
        assertTrue(t.startsWith("# b.ping {size=64}\n# profilers: gc stack\n"), t);
        assertTrue(t.lines().anyMatch(l -> l.matches("gc\\.alloc\\.rate\\.norm\\s+96\\.000\\s+B/op")), t);
        assertFalse(t.contains("p0.99"), t);
        assertTrue(t.contains("\n## stack\n\n") && t.contains("60.0%  java.net.SocketInputStream.read"), t);
        assertTrue(t.indexOf("gc.alloc.rate.norm") < t.indexOf("## stack"), t);
    }
}
