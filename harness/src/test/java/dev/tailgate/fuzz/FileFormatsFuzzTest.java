package dev.tailgate.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tailgate.fingerprint.FingerprintJson;
import dev.tailgate.ingest.HlogReader;
import dev.tailgate.ingest.TailStateJson;
import dev.tailgate.ledger.Ledger;
import dev.tailgate.suite.SuiteCheck;
import dev.tailgate.suite.SuiteFiles;
import dev.tailgate.thresholds.ThresholdsLoader;
import java.nio.file.Path;
import java.util.Optional;

/** The files tailgate reads that a person or another tool may have written or damaged. */
class FileFormatsFuzzTest {

    @FuzzTest(maxDuration = Expect.BOUND)
    void thresholds(byte[] input) throws Exception {
        Path f = Expect.file("thresholds.yaml", input);
        Expect.resultOrRefusal(() -> ThresholdsLoader.load(f));
    }

    /** A suite file: parsed, then checked against the benchmark list and its thresholds. */
    @FuzzTest(maxDuration = Expect.BOUND)
    void suite(byte[] input) throws Exception {
        Path f = Expect.file("fuzz-suite.yaml", input);
        Expect.resultOrRefusal(() -> SuiteCheck.benchmarks(SuiteFiles.load(f.toString(), Optional.empty())));
    }

    @FuzzTest(maxDuration = Expect.BOUND)
    void hlog(byte[] input) throws Exception {
        Path f = Expect.file("fuzz.hlog", input);
        Expect.resultOrRefusal(() -> HlogReader.read(f));
    }

    @FuzzTest(maxDuration = Expect.BOUND)
    void tailState(byte[] input) throws Exception {
        Path f = Expect.file("tail-state.json", input);
        Expect.resultOrRefusal(() -> TailStateJson.read(f));
    }

    @FuzzTest(maxDuration = Expect.BOUND)
    void fingerprint(byte[] input) throws Exception {
        Path f = Expect.file("fingerprint.json", input);
        Expect.resultOrRefusal(() -> FingerprintJson.read(f));
    }

    /** A damaged ledger: reading refuses it in one line, verifying reports problems and never throws. */
    @FuzzTest(maxDuration = Expect.BOUND)
    void ledger(byte[] input) throws Exception {
        Path f = Expect.file("ledger.jsonl", input);
        Ledger ledger = Ledger.open(f);
        Expect.resultOrRefusal(ledger::read);
        Expect.resultOrRefusal(ledger::verify);
    }
}
