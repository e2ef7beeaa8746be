package dev.tailgate.fingerprint;

/** How much a fingerprint difference threatens a comparison of two latency measurements. */
public enum Severity {
    /** Changes latency by itself: comparing across it measures the change, not the candidate. */
    CRITICAL,
    /** Can move tails; worth a look before trusting a small difference. */
    WARNING,
    /** Recorded for the audit; not expected to move latency. */
    INFO
}
