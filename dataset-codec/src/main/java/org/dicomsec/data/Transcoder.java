package org.dicomsec.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Streams a data set from one transfer syntax to another, event by event
 * ({@link DicomReader} to {@link DicomWriter}), never holding a value larger
 * than a chunk in memory: values are converted to the target byte order by VR
 * (PS3.5 7.3).
 *
 * <p>In the same syntax, the output repeats the input's length forms. Across
 * syntaxes, defined lengths of sequences and items change with the header
 * sizes, so sequences and items are written with undefined length, and group
 * length elements (gggg,0000) other than those of groups 0000 and 0002 are
 * dropped (PS3.5 7.2: optional and retired). Encapsulated Pixel Data from an
 * encapsulated syntax goes to an encapsulated syntax only: it is never decompressed.
 */
public final class Transcoder {

    private Transcoder() {
    }

    /**
     * Checks that data in {@code from} may be written in {@code to}: a native (uncompressed) syntax
     * converts to any native one, an encapsulated one only to itself (PS3.5 A.4): pixel data is
     * neither compressed nor decompressed, nor moved to another compression's syntax.
     *
     * @throws IllegalArgumentException when it may not, naming both syntaxes and which way it fails
     */
    public static void checkConvertible(TransferSyntax from, TransferSyntax to) {
        if (from.uid().equals(to.uid()) || (!from.encapsulated() && !to.encapsulated())) {
            return;
        }
        if (to.encapsulated()) {
            throw new IllegalArgumentException("cannot convert to " + TransferSyntaxNames.describe(to.uid())
                    + ": dicomsec does not compress pixel data");
        }
        throw new IllegalArgumentException("cannot convert " + TransferSyntaxNames.describe(from.uid()) + " to "
                + TransferSyntaxNames.describe(to.uid()) + ": dicomsec does not decompress pixel data");
    }

    /** Copies every event of {@code r} (from where it stands to the end of its data set) to {@code w}. */
    public static void transcode(DicomReader r, DicomWriter w) throws IOException {
        transcode(r, w, null);
    }

    /** As {@link #transcode(DicomReader, DicomWriter)}, noting DICOMDIR records and offsets in {@code dir} (may be null). */
    static void transcode(DicomReader r, DicomWriter w, DirectoryOffsets dir) throws IOException {
        boolean same = r.transferSyntax().explicitVR() == w.transferSyntax().explicitVR();
        int depth = 0; // items and sequences open
        while (true) {
            DicomReader.Event ev = r.next();
            switch (ev) {
                case END:
                    return;
                case ELEMENT:
                    if (!same && Tag.isGroupLength(r.tag()) && (r.tag() >>> 16) > 0x0002) {
                        r.skipValue();
                        break;
                    }
                    if (dir != null && r.length() == 4 && DirectoryOffsets.isOffset(r.tag())) {
                        byte[] v = r.readValue();
                        long old = ByteOrders.i32(v, 0, r.bigEndian()) & 0xFFFFFFFFL;
                        w.writeHeader(r.tag(), r.vr(), 4);
                        dir.reference(w.position(), old, w.bigEndian());
                        w.copyValue(new java.io.ByteArrayInputStream(v), 4, VR.UL, r.bigEndian());
                        break;
                    }
                    w.writeHeader(r.tag(), r.vr(), r.length());
                    w.copyValue(r.valueStream(), r.length(), r.vr(), r.bigEndian());
                    break;
                case SEQUENCE_START:
                    w.startSequence(r.tag(), r.vr(), same ? r.length() : -1);
                    depth++;
                    break;
                case ITEM_START:
                    if (dir != null) {
                        dir.item(r.offset(), w.position());
                    }
                    w.startItem(same ? r.length() : -1);
                    depth++;
                    break;
                case ITEM_END:
                    if (depth == 0) {
                        return; // the item the caller started in has ended
                    }
                    w.endItem();
                    depth--;
                    break;
                case SEQUENCE_END:
                case FRAGMENTS_END:
                    w.endSequence();
                    depth--;
                    break;
                case FRAGMENTS_START:
                    if (r.transferSyntax().encapsulated() && !w.transferSyntax().encapsulated()) {
                        throw new DicomCodecException("encapsulated data cannot be written in "
                                + w.transferSyntax().uid() + " (never decompressed)", r.offset(), r.tag());
                    }
                    w.startFragments(r.tag(), r.vr());
                    depth++;
                    break;
                case FRAGMENT:
                    w.writeFragmentHeader(r.length());
                    w.copyValue(r.valueStream(), r.length(), VR.OB, false);
                    break;
                default:
                    throw new IllegalStateException(ev.toString());
            }
        }
    }

    /** Streams a bare data set in {@code from} to {@code out} in {@code to}. */
    public static void transcode(InputStream in, TransferSyntax from, OutputStream out, TransferSyntax to)
            throws IOException {
        DicomWriter w = new DicomWriter(out, to);
        transcode(new DicomReader(in, from), w);
        w.finish();
    }

    /**
     * Streams a DICOM file to a DICOM file in {@code to} (null: the input's own
     * syntax): the File Meta Information is kept with (0002,0010) changed and
     * this implementation's identity written.
     *
     * @return for a DICOMDIR (Media Storage Directory) not deflated, where its records went and
     *         where their offsets are in {@code out}, for {@link DirectoryOffsets#apply}; else null
     */
    public static DirectoryOffsets transcodeFile(InputStream in, OutputStream out, TransferSyntax to)
            throws IOException {
        DicomFileReader fr = DicomFileReader.open(in);
        TransferSyntax target = to == null ? fr.transferSyntax() : to;
        Dataset fmi = new Dataset();
        for (Element e : fr.fileMetaInformation()) {
            fmi.put(e);
        }
        fmi.setString(Tag.TransferSyntaxUID, VR.UI, target.uid());
        DicomReader r = fr.reader();
        Dataset head = null;
        if (!fmi.contains(Tag.MediaStorageSOPClassUID) || !fmi.contains(Tag.MediaStorageSOPInstanceUID)) {
            // no meta information (a bare data set): PS3.10 7.1 requires (0002,0002) and (0002,0003),
            // so read the few elements up to SOP Instance UID first and take them from there
            head = r.readDataset(Tag.SOPInstanceUID + 1);
            String cls = head.getString(Tag.SOPClassUID, null);
            String inst = head.getString(Tag.SOPInstanceUID, null);
            if (cls != null && !fmi.contains(Tag.MediaStorageSOPClassUID)) {
                fmi.setString(Tag.MediaStorageSOPClassUID, VR.UI, cls);
            }
            if (inst != null && !fmi.contains(Tag.MediaStorageSOPInstanceUID)) {
                fmi.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, inst);
            }
        }
        DicomWriter w = DicomFileWriter.open(out, fmi);
        if (head != null) {
            w.setDropGroupLengths(r.transferSyntax().explicitVR() != target.explicitVR()); // as transcode() does
            w.writeDataset(head);
            w.setDropGroupLengths(false);
        }
        DirectoryOffsets dir = DirectoryOffsets.MEDIA_STORAGE_DIRECTORY.equals(
                fmi.getString(Tag.MediaStorageSOPClassUID, null)) && !target.deflated()
                && !r.transferSyntax().deflated() ? new DirectoryOffsets() : null;
        transcode(r, w, dir);
        w.finish();
        return dir;
    }
}
