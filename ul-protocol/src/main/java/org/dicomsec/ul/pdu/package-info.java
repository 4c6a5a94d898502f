/**
 * PS3.8 section 9.3: one immutable record per PDU ({@link org.dicomsec.ul.pdu.Pdu}) and per item,
 * a bounded decoder and an encoder.
 * <ul>
 * <li>PDUs: {@code AAssociateRq} (table 9-11), {@code AAssociateAc} (9-17), {@code AAssociateRj}
 * (9-21), {@code PDataTf} with {@code PresentationDataValue} (9-22, 9-23), {@code AReleaseRq}
 * (9-24), {@code AReleaseRp} (9-25), {@code AAbort} (9-26).</li>
 * <li>Items: {@code ApplicationContextItem}, {@code PresentationContextRqItem} with
 * {@code AbstractSyntaxSubItem} and {@code TransferSyntaxSubItem}, {@code PresentationContextAcItem},
 * {@code UserInformationItem} with the {@code UserInformationSubItem}s of PS3.8 Annex D and
 * PS3.7 Annex D.3.3 (51H..59H), {@code UnknownItem} and {@code UnknownSubItem}.</li>
 * <li>Reading: {@code PduDecoder} holds the limits; {@code PduReader} reads one connection,
 * either whole PDUs or, for P-DATA-TF, PDV by PDV without allocating. Errors are
 * {@code PduDecodeException} (with the A-ABORT reason to send, Evt19) and
 * {@code PduTruncatedException} (end of stream, Evt17).</li>
 * <li>Writing: {@code PduEncoder} into a caller's buffer or through one reusable buffer;
 * {@code PDataWriter} for the one-PDV P-DATA-TF hot path.</li>
 * </ul>
 * PS3.8 9.3.1: items of unrecognized types are ignored and skipped; here they are kept as
 * {@code UnknownItem}/{@code UnknownSubItem} (so nothing is lost on re-encoding), except inside
 * presentation context items where they are dropped. Items are accepted in any order.
 * Reserved fields are written as 00H and not tested on receipt.
 */
package org.dicomsec.ul.pdu;
