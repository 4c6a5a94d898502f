package org.dicomsec.storage;

import java.util.Optional;

/**
 * What a sender does according to rules d, e and f of PS3.15 A.1.1.
 *
 * @param allowed            false: do not send
 * @param edit               the change to make in the copy that is sent (only the controlled attributes)
 * @param statusSent         the SOP Instance Status the peer receives, empty when none
 * @param commitmentRequired true for a transfer of the original: confirm it with Storage Commitment (d.4)
 * @param rule               the rule of A.1.1 that decided ('d', 'e', 'f', or 'c')
 * @param reason             why, for logs and the audit trail
 */
public record SendDecision(boolean allowed, StatusEdit edit, Optional<SopInstanceStatus> statusSent,
                           boolean commitmentRequired, char rule, String reason) {

    static SendDecision refuse(char rule, String reason) {
        return new SendDecision(false, StatusEdit.none(), Optional.empty(), false, rule, reason);
    }
}
