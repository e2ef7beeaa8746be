package dev.tailgate.model;

/**
 * Input the user gave us is wrong: a malformed file, an unreachable target, a wrong password,
 * a missing metric. The message is the single line shown to the user and must name what and
 * where ({@code thresholds/smoke.yaml: rule 3: ...}). Maps to exit code 3.
 *
 * <p>Messages often echo the input (a YAML string, a path from {@code extends:}, a JSON field),
 * and input may hold line breaks: they are shown escaped ({@code \n}) so the message stays one
 * line wherever it was built.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(oneLine(message));
    }

    public BadInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message == null ? null : message.replace("\r", "\\r").replace("\n", "\\n");
    }
}
