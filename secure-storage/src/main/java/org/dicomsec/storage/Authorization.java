package org.dicomsec.storage;

import java.util.Objects;

/**
 * An explicit authorization (PS3.15 A.1.1 rule b.1): an authorized entity has
 * certified a SOP Instance as useable for diagnostic purposes. Who authorized
 * is not one of the attributes rule h allows to add to the instance, so it goes
 * to the audit trail and the store's index; the instance gets the
 * {@link Certification} values.
 *
 * @param authorizedBy  the authorized entity (a person or role as the site names it), not blank
 * @param certification (0100,0420), (0100,0426) and the optional comment (0100,0424)
 */
public record Authorization(String authorizedBy, Certification certification) {

    public Authorization {
        Objects.requireNonNull(authorizedBy, "authorizedBy");
        Objects.requireNonNull(certification, "certification");
        if (authorizedBy.isBlank()) {
            throw new IllegalArgumentException("an authorization names who authorizes");
        }
        authorizedBy = authorizedBy.strip();
    }
}
