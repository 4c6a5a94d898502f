package org.dicomsec.ul.dimse;

/**
 * A DIMSE message's command (PS3.7 sections 9.3 and 10.3): the fields of its command set,
 * as an immutable record. Whether a data set follows is carried beside it (Command Data Set
 * Type, (0000,0800)); {@link DimseCodec} converts to and from the command set.
 */
public sealed interface DimseMessage permits DimseRequest, DimseResponse {
    /** Command Field (0000,0100), see {@link CommandField}. */
    int commandField();
}
