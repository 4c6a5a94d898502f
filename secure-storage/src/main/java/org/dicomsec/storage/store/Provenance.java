package org.dicomsec.storage.store;

import java.util.Objects;

/**
 * Where a stored instance came from, kept in the index for rule d (who sent
 * the original) and the audit trail.
 *
 * @param receivedFrom the peer: AE title and authenticated identity, or "local" when created here
 * @param receivedOver the transport: "plain", a TLS profile name, "iscl", or "local"
 * @param arrivedAs    the SOP Instance Status (0100,0410) the instance arrived with ("" when none or
 *                     unknown); differs from the stored one when rule f.2 set NS on an original from an
 *                     unsecured or non-conforming peer, which the Storage Commitment SCP then does not
 *                     confirm (the sender must keep its original)
 */
public record Provenance(String receivedFrom, String receivedOver, String arrivedAs) {

    /** An instance created or imported on this system. */
    public static final Provenance LOCAL = new Provenance("local", "local");

    public Provenance {
        Objects.requireNonNull(receivedFrom, "receivedFrom");
        Objects.requireNonNull(receivedOver, "receivedOver");
        Objects.requireNonNull(arrivedAs, "arrivedAs");
    }

    /** A provenance without the status it arrived with. */
    public Provenance(String receivedFrom, String receivedOver) {
        this(receivedFrom, receivedOver, "");
    }
}
