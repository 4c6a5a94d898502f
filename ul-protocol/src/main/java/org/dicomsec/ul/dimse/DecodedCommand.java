package org.dicomsec.ul.dimse;

import org.dicomsec.data.Dataset;

/**
 * A command set as received: the command set itself, its Command Field, Message ID (or Message ID
 * Being Responded To), whether a data set follows, and the typed message when this implementation
 * knows the command (null otherwise, so that an unknown request can still be answered).
 *
 * @param commandSet     the decoded group 0000 elements
 * @param commandField   Command Field (0000,0100)
 * @param messageId      Message ID (0000,0110) of a request, or Message ID Being Responded To of a response
 * @param dataSetPresent Command Data Set Type (0000,0800) other than 0101H
 * @param message        the typed message, or null for a command this implementation does not model
 */
public record DecodedCommand(Dataset commandSet, int commandField, int messageId, boolean dataSetPresent,
                             DimseMessage message) {

    /** True for a response (bit 15 of the Command Field). */
    public boolean isResponse() {
        return CommandField.isResponse(commandField);
    }
}
