package dev.tailgate.ledger;

/**
 * The lexical rules of ledger fields, as plain loops: {@code ledger verify} checks every field
 * of every entry, and at 100,000 entries regular expressions were a visible share of its time.
 */
final class Tokens {
    private Tokens() {
    }

    /** 64 lower-case hex digits. */
    static boolean isSha256Hex(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Z][A-Z0-9_ -]*}: PASS, NO CHANGE, ... */
    static boolean isOutcome(String s) {
        if (s.isEmpty() || s.charAt(0) < 'A' || s.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ' '
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-z][a-z0-9-]*}: gate, compare, ... */
    static boolean isKind(String s) {
        if (s.isEmpty() || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Non-empty, no whitespace: allow-mismatch, seed=42, ... */
    static boolean isFlag(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
