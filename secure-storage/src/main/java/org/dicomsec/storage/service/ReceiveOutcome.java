package org.dicomsec.storage.service;

import java.util.Optional;
import org.dicomsec.storage.store.StoredInstance;

/**
 * What became of one received instance.
 *
 * @param status   the C-STORE response status ({@link StoreStatus})
 * @param stored   the index entry when stored, empty when refused and discarded
 * @param rule     the rule of PS3.15 A.1.1 that decided, or ' ' when none did
 * @param reason   why, for the Error Comment (0000,0902) and the audit trail
 */
public record ReceiveOutcome(int status, Optional<StoredInstance> stored, char rule, String reason) {

    public boolean isSuccess() {
        return status == StoreStatus.SUCCESS;
    }
}
