package org.dicomsec.storage;

/** What a sender means to do with a SOP Instance it holds (PS3.15 A.1.1 rules d, e, f). */
public enum SendIntent {
    /** Rule d: hand the original (OR or AO) to another AE, which becomes its one holder. */
    TRANSFER_ORIGINAL,
    /** Rules e and f: send a copy; the sender keeps what it holds. */
    COPY
}
