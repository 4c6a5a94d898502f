package org.dicomsec.storage.service;

import java.io.IOException;

/**
 * The receiver's own reason to stop reading a data set into the store (not a failure of the
 * stream): thrown out of {@link ReceivedDataSet} through the file writer, answered with
 * {@link #status()}.
 */
final class Refusal extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final char rule;
    private final boolean integrity;

    Refusal(int status, char rule, String reason, boolean integrity) {
        super(reason);
        this.status = status;
        this.rule = rule;
        this.integrity = integrity;
    }

    static Refusal budget(String reason) {
        return new Refusal(StoreStatus.OUT_OF_RESOURCES, ' ', reason, false);
    }

    static Refusal notUnderstood(String reason) {
        return new Refusal(StoreStatus.CANNOT_UNDERSTAND, ' ', reason, false);
    }

    int status() {
        return status;
    }

    char rule() {
        return rule;
    }

    /** True for a rules d.3/e.4/g/h failure: audited as an integrity failure. */
    boolean integrity() {
        return integrity;
    }
}
