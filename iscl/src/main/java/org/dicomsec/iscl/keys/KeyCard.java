package org.dicomsec.iscl.keys;

import org.dicomsec.iscl.IsclException;

/**
 * Where the long-term keys live: a smart card (ISO/IEC 7816-4, e.g. through
 * javax.smartcardio), a key server, or {@link SoftwareKeyCard} over a
 * password-protected {@link IsclKeyring}. PS3.15 B.2: key management is
 * outside DICOM; the AE has access to such a system.
 */
public interface KeyCard {

    /**
     * Opens an authentication session for the pair (local, remote) in the given role.
     *
     * @throws IsclException UNKNOWN_ENTITY when there is no key for the pair,
     *                       KEY_CARD_ERROR when the card or server fails
     */
    KeyCardSession open(String localEntity, String remoteEntity, Role role) throws IsclException;

    /** True when this card holds a key for the pair. */
    boolean hasKey(String localEntity, String remoteEntity);
}
