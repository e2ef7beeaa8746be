package dev.tailgate.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.Injection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a run's manifest says a delay was injected into its measured calls (the optional
 * top-level {@code "injection": {"spinNanos": N, "fraction": P}}). Such a run measured a known
 * artificial difference, not the system: it may be compared (that is what it is for) but
 * never passes a gate unless asked and never becomes a baseline. Manifests without the field
 * (all older ones) are not injected.
 */
public final class InjectionMark {
    /** The words every refusal and report uses, so they can be searched for. */
    public static final String NOT_REAL = "injected run: not a real measurement";

    private InjectionMark() {
    }

    /** The run's injection; none for a bare JMH file or a manifest without the field. */
    public static Optional<Injection> of(RunLoader.RunFiles files) {
        if (files.manifest().isEmpty()) {
            return Optional.empty();
        }
        Path manifest = files.manifest().get();
        try {
            return of(manifest.toString(), JsonFiles.json().readTree(manifest.toFile()));
        } catch (IOException e) {
            throw new BadInputException(manifest + ": cannot read: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The same from a parsed manifest; {@code where} names it in the error. */
    public static Optional<Injection> of(String where, JsonNode manifest) {
        JsonNode i = manifest == null ? null : manifest.get("injection");
        if (i == null || i.isNull()) {
            return Optional.empty();
        }
        if (!i.path("spinNanos").canConvertToLong() || !i.path("fraction").isNumber()) {
            throw new BadInputException(where + ": injection: expected {\"spinNanos\": N, \"fraction\": P}, found " + i);
        }
        try {
            return Optional.of(new Injection(i.get("spinNanos").asLong(), i.get("fraction").asDouble()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": injection: " + e.getMessage());
        }
    }

    /** "injected run: not a real measurement (spin 5 µs on every call)". */
    public static String reason(Injection i) {
        return NOT_REAL + " (" + i.describe() + ")";
    }
}
