/**
 * The DICOM data set codec (PS3.5) and PS3.10 files.
 *
 * <h2>Model</h2>
 * {@link org.dicomsec.data.Dataset} holds {@link org.dicomsec.data.Element}s in tag order; an element keeps
 * its VR and its value bytes exactly as read, with their byte order, so that writing again in the same
 * transfer syntax gives the same bytes. Sequences are {@link org.dicomsec.data.Sequence}s of item data
 * sets; encapsulated Pixel Data is {@link org.dicomsec.data.Fragments}, never decompressed.
 * {@link org.dicomsec.data.Tag}, {@link org.dicomsec.data.UID}, {@link org.dicomsec.data.VR} and
 * {@link org.dicomsec.data.TransferSyntax} name things as the standard does.
 *
 * <h2>Streaming</h2>
 * {@link org.dicomsec.data.DicomReader} is a pull reader (element headers, item starts and ends,
 * fragments; values read, skipped or copied to a stream); {@link org.dicomsec.data.DicomWriter} writes
 * the same way; {@link org.dicomsec.data.Transcoder} joins them. Bad input ends in a
 * {@link org.dicomsec.data.DicomCodecException} naming offset and tag, within {@link org.dicomsec.data.ReadLimits}.
 *
 * <h2>Examples</h2>
 * <pre>{@code
 * // read a Part 10 file, whole
 * DicomFile f = DicomFile.read(Path.of("in.dcm"));
 * String name = f.dataset().getString(Tag.PatientName);
 *
 * // write one
 * Dataset ds = new Dataset();
 * ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
 * ds.setString(Tag.SOPInstanceUID, VR.UI, UID.randomUID());
 * DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(Path.of("out.dcm"));
 *
 * // a DIMSE command set: Implicit VR Little Endian, (0000,0000) computed
 * byte[] bytes = CommandSet.encode(command);
 * Dataset back = CommandSet.decode(bytes);
 *
 * // a data set from a stream in one syntax to a stream in another, value by value
 * Transcoder.transcode(in, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, out, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
 *
 * // a large file: the header into memory, Pixel Data streamed
 * try (DicomFileReader r = DicomFileReader.open(Path.of("big.dcm"))) {
 *     Dataset head = r.readDataset(Tag.PixelData);
 *     DicomReader dr = r.reader();
 *     if (dr.next() == DicomReader.Event.ELEMENT) {
 *         dr.copyValue(pixelSink);
 *     }
 * }
 * }</pre>
 */
package org.dicomsec.data;
