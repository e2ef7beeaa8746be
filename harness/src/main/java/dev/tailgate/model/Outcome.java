package dev.tailgate.model;

/**
 * Outcome of one check, and of a whole gate. Declared from best to worst so that the
 * decision of a gate is the worst outcome of its checks. ERROR (missing or NaN data, a run
 * that did not complete) is worse than FAIL: the gate could not judge at all.
 */
public enum Outcome {
    PASS, WARN, INCONCLUSIVE, FAIL, ERROR;

    public Outcome worse(Outcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
