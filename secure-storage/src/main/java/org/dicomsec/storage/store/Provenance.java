package org.dicomsec.storage.store;

import java.util.Objects;

/**
 * Where a stored instance came from, kept in the index for rule d (who sent
 * the original) and the audit trail.
 *
 * @param receivedFrom the peer: AE title and authenticated identity, or "local" when created here
 * @param receivedOver the transport: "plain", a TLS profile name, "iscl", or "local"
 */
public record Provenance(String receivedFrom, String receivedOver) {

    /** An instance created or imported on this system. */
    public static final Provenance LOCAL = new Provenance("local", "local");

    public Provenance {
        Objects.requireNonNull(receivedFrom, "receivedFrom");
        Objects.requireNonNull(receivedOver, "receivedOver");
    }
}
