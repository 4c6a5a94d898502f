package org.dicomsec.storage.commitment;

/**
 * One item of the Referenced SOP Sequence (0008,1199) or Failed SOP Sequence
 * (0008,1198): Referenced SOP Class UID (0008,1150) and Referenced SOP
 * Instance UID (0008,1155) (PS3.4 J.3.2, J.3.3).
 */
public record SopReference(String sopClassUid, String sopInstanceUid) {

    public SopReference {
        if (!StorageCommitment.isUid(sopClassUid)) {
            throw new IllegalArgumentException("Referenced SOP Class UID (0008,1150) is not a UID: " + sopClassUid);
        }
        if (!StorageCommitment.isUid(sopInstanceUid)) {
            throw new IllegalArgumentException("Referenced SOP Instance UID (0008,1155) is not a UID: "
                    + sopInstanceUid);
        }
    }
}
