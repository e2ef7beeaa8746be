package dev.tailgate.ledger;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A separate writer process for {@link LedgerConcurrencyTest}: waits for "go" on stdin so that
 * all writers start together, then appends COUNT entries tagged with WRITER as user.
 * Usage: {@code LedgerAppendWorker LEDGER WRITER COUNT}.
 */
public final class LedgerAppendWorker {
    private LedgerAppendWorker() {
    }

    public static void main(String[] args) throws Exception {
        Ledger ledger = Ledger.open(Path.of(args[0]));
        String writer = args[1];
        int count = Integer.parseInt(args[2]);
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
                StandardCharsets.US_ASCII));
        if (!"go".equals(in.readLine())) {
            System.exit(2);
        }
        for (int i = 0; i < count; i++) {
            ledger.append(TestDrafts.gate(i, i % 10 == 0 ? "FAIL" : "PASS", writer));
        }
    }
}
