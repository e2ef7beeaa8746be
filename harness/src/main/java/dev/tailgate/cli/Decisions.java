package dev.tailgate.cli;

import dev.tailgate.gate.GateResult;
import dev.tailgate.ledger.CheckSummary;
import dev.tailgate.ledger.Ledger;
import dev.tailgate.ledger.LedgerEntry;
import dev.tailgate.ledger.LedgerEntryDraft;
import dev.tailgate.ledger.Provenance;
import dev.tailgate.model.Check;
import dev.tailgate.model.Numbers;
import dev.tailgate.run.BuildInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns decisions into ledger entries: every gate and compare decision is appended, with the
 * SHA-256 of every input it was taken from, so an audit can tell which files a verdict judged.
 */
final class Decisions {
    private Decisions() {
    }

    static LedgerEntry recordGate(GateResult result, Path ledger, Instant now, List<String> flags,
                                  Provenance.Prefetched prefetched) throws IOException {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("jmh.json", result.run().jmhJson());
        result.run().manifest().ifPresent(m -> inputs.put("manifest.json", m));
        for (Path t : result.thresholdFiles()) {
            inputs.put("thresholds/" + t.getFileName(), t);
        }
        List<CheckSummary> checks = new ArrayList<>();
        for (Check c : result.verdict().checks()) {
            checks.add(new CheckSummary(c.benchmark().label() + " " + c.statistic().yamlName() + " [" + c.ruleId() + "]",
                    c.outcome().name(), c.reason()));
        }
        return append(ledger, new LedgerEntryDraft(now, "gate", result.verdict().decision().name(), checks,
                Provenance.digests(inputs, prefetched), suiteSha(result.run().manifest()), Provenance.host(),
                Provenance.user(), flags));
    }

    static LedgerEntry recordCompare(dev.tailgate.compareservice.CompareService.Outcome o, Path ledger, Instant now, String kind,
                                     Provenance.Prefetched prefetched) throws IOException {
        List<CheckSummary> checks = new ArrayList<>();
        for (dev.tailgate.compare.CheckResult c : o.comparison().checks()) {
            checks.add(new CheckSummary(c.benchmark() + " " + c.statistic().label(),
                    dev.tailgate.report.ComparisonWriters.label(c.classification()),
                    "ratio " + Numbers.fixed(c.ratio(), 4) + " [" + Numbers.fixed(c.ciLow(), 4) + ", "
                            + Numbers.fixed(c.ciHigh(), 4) + "]; " + c.reason()));
        }
        return append(ledger, new LedgerEntryDraft(now, kind,
                dev.tailgate.report.ComparisonWriters.label(o.comparison().decision()), checks,
                Provenance.digests(o.inputs(), prefetched), suiteSha(o.candidateManifest()), Provenance.host(), Provenance.user(),
                o.comparison().flags()));
    }

    static LedgerEntry append(Path ledger, LedgerEntryDraft draft) throws IOException {
        if (ledger.getParent() != null) {
            Files.createDirectories(ledger.getParent());
        }
        return Ledger.open(ledger).append(draft);
    }

    /** The suite sha from the run's manifest, else this checkout's. */
    static String suiteSha(java.util.Optional<Path> manifest) {
        if (manifest.isPresent()) {
            try {
                var node = dev.tailgate.io.JsonFiles.json().readTree(manifest.get().toFile()).get("suiteGitSha");
                if (node != null && node.isTextual() && !node.asText().isBlank()) {
                    return node.asText().toLowerCase(Locale.ROOT);
                }
            } catch (IOException | RuntimeException ignored) {
                // fall back to the checkout
            }
        }
        return BuildInfo.gitSha(BuildInfo.home()).orElse("unknown");
    }
}
