package org.dicomsec.storage.folder;

import java.io.IOException;

/**
 * A received data set that is not stored, with the C-STORE failure status that answers it
 * (PS3.4 B.2.3: A9xx data set does not match the SOP class, Cxxx cannot understand; PS3.7
 * C.5.12: 0117H invalid SOP instance).
 */
public final class DataSetRejectedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public DataSetRejectedException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The status to answer. */
    public int status() {
        return status;
    }
}
