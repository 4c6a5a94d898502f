package org.dicomsec.cli;

/**
 * A subcommand could not do its work: the message is the one line printed on
 * stderr (it names the file or peer and the problem), the status is the exit
 * status (1: the operation ran and failed; 2: bad input such as a missing or
 * non-DICOM file), and the cause is shown only with {@code --verbose}.
 */
public final class CommandException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public CommandException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The exit status the command ends with. */
    public int status() {
        return status;
    }
}
