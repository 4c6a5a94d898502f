package org.dicomsec.storage;

import java.util.Optional;

/**
 * What a receiver does with an incoming SOP Instance according to rules c, d,
 * e and f of PS3.15 A.1.1.
 *
 * @param accept          false: refuse the storage request and discard the instance
 * @param edit            the change to make before storing (only the controlled attributes)
 * @param statusStored    the SOP Instance Status the stored instance will have
 * @param becomesHolder   true when the instance arrives as OR/AO under rule d: this AE becomes its
 *                        holder and must not forward it until the commitment is confirmed (d.4)
 * @param rule            the rule that decided
 * @param reason          why
 */
public record ReceiveDecision(boolean accept, StatusEdit edit, Optional<SopInstanceStatus> statusStored,
                              boolean becomesHolder, char rule, String reason) {
}
