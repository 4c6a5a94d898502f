package org.dicomsec.storage;

/**
 * An operation that would break one of the rules a-h of the Online Electronic
 * Storage Secure Use Profile (PS3.15 A.1.1) was refused. Nothing was changed.
 */
public final class ProfileViolationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final char rule;
    private final String detail;

    /** @param rule the letter of the rule of PS3.15 A.1.1 ('a' to 'h') */
    public ProfileViolationException(char rule, String message) {
        super("PS3.15 A.1.1 rule " + rule + ": " + message);
        if (rule < 'a' || rule > 'h') {
            throw new IllegalArgumentException("rule a-h: " + rule);
        }
        this.rule = rule;
        this.detail = message;
    }

    /** The message without its "PS3.15 A.1.1 rule x: " prefix, for a message that wraps this one. */
    public String detail() {
        return detail;
    }

    /** The letter of the rule of PS3.15 A.1.1 that the operation would have broken. */
    public char rule() {
        return rule;
    }
}
