package dev.tailgate.model;

/** The command line itself is wrong (unknown suite, conflicting options). Maps to exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
