/**
 * PS3.7: DIMSE messages as immutable records ({@link org.dicomsec.ul.dimse.CEchoRq},
 * {@link org.dicomsec.ul.dimse.CStoreRq}, {@link org.dicomsec.ul.dimse.NActionRq},
 * {@link org.dicomsec.ul.dimse.NEventReportRq} and their responses), their command sets
 * (Annex E, Implicit VR Little Endian with Command Group Length, through the codec's
 * {@code CommandSet}: {@link org.dicomsec.ul.dimse.DimseCodec}), Command Field values
 * ({@link org.dicomsec.ul.dimse.CommandField}) and status codes with their meanings and
 * categories (Annex C, {@link org.dicomsec.ul.dimse.Status}). P-DATA fragmentation and
 * reassembly live with the association in {@code org.dicomsec.ul}, which owns the buffer.
 */
package org.dicomsec.ul.dimse;
