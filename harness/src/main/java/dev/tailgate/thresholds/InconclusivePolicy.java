package dev.tailgate.thresholds;

/**
 * What an INCONCLUSIVE check does to the gate. The default is FAIL: a green verdict must mean
 * "shown to be within the limit", and too few samples or an interval straddling the limit
 * shows nothing. Smoke runs, which are short by design, set WARN.
 */
public enum InconclusivePolicy {
    FAIL, WARN, PASS
}
