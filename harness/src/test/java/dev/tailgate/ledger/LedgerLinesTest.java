package dev.tailgate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parallel line scan finds the same lines as reading them one by one, at any chunking. */
class LedgerLinesTest {

    @Test
    void chunkedScanMatchesASequentialReading() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            StringBuilder text = new StringBuilder();
            int lines = rnd.nextInt(30);
            for (int i = 0; i < lines; i++) {
                text.append("x".repeat(rnd.nextInt(5))).append('\n');
            }
            if (rnd.nextBoolean()) {
                text.append("torn".substring(0, rnd.nextInt(5)));
            }
            byte[] b = text.toString().getBytes(StandardCharsets.US_ASCII);
            int chunk = 1 + rnd.nextInt(8);
            LedgerLines got = LedgerLines.split(b, chunk);
            List<String> expected = new ArrayList<>(List.of(text.toString().split("\n", -1)));
            String tail = expected.remove(expected.size() - 1);
            assertEquals(expected.size(), got.count(), "trial " + trial + " chunk " + chunk);
            for (int i = 0; i < got.count(); i++) {
                assertEquals(expected.get(i), new String(b, got.start(i), got.length(i),
                        StandardCharsets.US_ASCII), "trial " + trial + " line " + i);
            }
            assertEquals(!tail.isEmpty(), got.hasTornTail(), "trial " + trial);
            assertEquals(b.length - tail.length(), got.tornTailOffset(), "trial " + trial);
        }
    }
}
