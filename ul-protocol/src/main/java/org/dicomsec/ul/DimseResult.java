package org.dicomsec.ul;

import java.util.Objects;

import org.dicomsec.data.Dataset;
import org.dicomsec.ul.dimse.DimseResponse;

/**
 * A response received for a request, with its data set when it had one.
 *
 * @param response the response command
 * @param dataSet  the response's data set, or null
 * @param <R>      the response type
 */
public record DimseResult<R extends DimseResponse>(R response, Dataset dataSet) {
    public DimseResult {
        Objects.requireNonNull(response, "response");
    }
}
