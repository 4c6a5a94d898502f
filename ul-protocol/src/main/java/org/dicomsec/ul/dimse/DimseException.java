package org.dicomsec.ul.dimse;

import java.io.IOException;

/** A command set that is not a valid DIMSE command: a required field missing or out of range (PS3.7 E.1). */
public final class DimseException extends IOException {
    private static final long serialVersionUID = 1L;

    public DimseException(String message) {
        super(message);
    }

    public DimseException(String message, Throwable cause) {
        super(message, cause);
    }
}
