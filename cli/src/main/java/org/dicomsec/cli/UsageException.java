package org.dicomsec.cli;

/** Bad command-line usage: reported on one line, exit status 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
