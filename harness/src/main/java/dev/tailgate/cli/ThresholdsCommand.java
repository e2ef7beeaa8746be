package dev.tailgate.cli;

import dev.tailgate.thresholds.Thresholds;
import dev.tailgate.thresholds.Waiver;
import java.io.PrintWriter;
import java.time.LocalDate;
import dev.tailgate.thresholds.ThresholdsLoader;
import dev.tailgate.thresholds.ThresholdsRenderer;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tailgate thresholds show|check FILE}: the merged hierarchy, without a run. */
@Command(name = "thresholds", mixinStandardHelpOptions = true,
        description = "Inspect threshold files: show the effective merged rules, or validate.")
public final class ThresholdsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: show or check");
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the effective thresholds (extends followed, merged) as YAML.")
    int show(@Parameters(paramLabel = "FILE", description = "Threshold YAML file.") Path file) {
        Thresholds t = ThresholdsLoader.load(file);
        spec.commandLine().getOut().print(ThresholdsRenderer.yaml(t));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate a threshold file and the files it extends. Exit 0 if valid, 3 if not.",
                "Expired waivers are listed as notes: they no longer waive anything."})
    int check(@Parameters(paramLabel = "FILE", description = "Threshold YAML file.") Path file,
              @Option(names = "--today", paramLabel = "YYYY-MM-DD",
                      description = "Date to judge waiver expiry against (default: today, UTC).") String today) {
        Thresholds t = ThresholdsLoader.load(file);
        LocalDate day = GateCommand.parseToday(today, RootClock.of(spec));
        PrintWriter out = spec.commandLine().getOut();
        out.println("ok: " + file + ": " + t.rules().size() + " rules, "
                + t.waivers().size() + " waivers; hierarchy "
                + t.files().stream().map(Path::toString).collect(Collectors.joining(" -> ")));
        for (Waiver w : t.waivers()) {
            if (!w.activeOn(day)) {
                out.println("note: " + w.file() + ": waiver for rule " + w.ruleId()
                        + w.statistic().map(s -> " " + s.yamlName()).orElse("") + " expired on " + w.expires()
                        + " (" + w.reason() + "): it no longer waives anything");
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
