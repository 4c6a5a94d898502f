package org.dicomsec.storage.store;

import java.io.IOException;

/**
 * The instance written does not read back as it was given (digest or element
 * mismatch), or a stored file no longer matches its index entry. Nothing was
 * stored (rules d.3 and e.4 of PS3.15 A.1.1: reject and discard).
 */
public final class StoreIntegrityException extends IOException {

    private static final long serialVersionUID = 1L;

    public StoreIntegrityException(String message) {
        super(message);
    }
}
