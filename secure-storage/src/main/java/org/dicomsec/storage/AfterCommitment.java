package org.dicomsec.storage;

/**
 * What the sender of an original does with its local copy once the receiver
 * confirmed it committed the instance to storage (PS3.15 A.1.1 rule d.5).
 */
public enum AfterCommitment {
    /** d.5.a: delete the local copy. */
    DELETE,
    /** d.5.b: change its status to NS. */
    SET_NS,
    /** d.5.c: from AO only, change its status to AC. */
    SET_AC
}
