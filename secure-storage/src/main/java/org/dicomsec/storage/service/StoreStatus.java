package org.dicomsec.storage.service;

/**
 * The DIMSE status a Storage SCP answers a C-STORE with for each outcome of
 * {@link OnlineStorageReceiver} (PS3.4 B.2.3, PS3.7 annex C).
 */
public final class StoreStatus {

    private StoreStatus() {
    }

    /** Success. */
    public static final int SUCCESS = 0x0000;
    /** PS3.7 C.4: Processing failure (integrity check after the transfer failed, rules d.3/e.4). */
    public static final int PROCESSING_FAILURE = 0x0110;
    /** PS3.7 C.4: Duplicate SOP Instance (rule c: this AE holds the instance as an original). */
    public static final int DUPLICATE_SOP_INSTANCE = 0x0111;
    /** PS3.4 B.2.3: Refused, Out of Resources (the store could not write: disk full...). */
    public static final int OUT_OF_RESOURCES = 0xA700;
    /** PS3.4 B.2.3: Error, Cannot understand (no usable SOP Instance UID or SOP Class UID). */
    public static final int CANNOT_UNDERSTAND = 0xC000;
}
