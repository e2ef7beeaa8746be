package dev.tailgate.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** The command line as the user typed it, which run manifests record: {@code tailgate} and the arguments. */
final class Invocation {
    private Invocation() {
    }

    static List<String> argv(CommandLine.Model.CommandSpec spec) {
        List<String> argv = new ArrayList<>(List.of("tailgate"));
        argv.addAll(spec.commandLine().getParseResult().originalArgs());
        return argv;
    }
}
