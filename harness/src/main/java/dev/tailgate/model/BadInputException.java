package dev.tailgate.model;

/**
 * Input the user gave us is wrong: a malformed file, an unreachable target, a wrong password,
 * a missing metric. The message is the single line shown to the user and must name what and
 * where ({@code thresholds/smoke.yaml: rule 3: ...}). Maps to exit code 3.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
