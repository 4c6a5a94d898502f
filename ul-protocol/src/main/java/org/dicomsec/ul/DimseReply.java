package org.dicomsec.ul;

import java.util.Objects;

import org.dicomsec.data.Dataset;
import org.dicomsec.ul.dimse.Status;

/**
 * What a handler answers to an N-ACTION or N-EVENT-REPORT request: the status and an optional
 * reply data set (Action Reply, Event Reply).
 *
 * @param status  the response status
 * @param dataSet the reply data set, or null for none
 */
public record DimseReply(Status status, Dataset dataSet) {
    public DimseReply {
        Objects.requireNonNull(status, "status");
    }

    public static DimseReply of(Status status) {
        return new DimseReply(status, null);
    }
}
