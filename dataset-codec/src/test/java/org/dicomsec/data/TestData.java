package org.dicomsec.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Shared builders for the codec tests. */
final class TestData {

    private TestData() {
    }

    static final TransferSyntax[] NATIVE = {TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
            TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN};

    /** A data set with text, numbers of every binary VR, a private element, nested sequences. */
    static Dataset sample(boolean bigEndian) {
        Dataset ds = new Dataset();
        ds.setBigEndian(bigEndian);
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5");
        ds.setString(Tag.PatientName, VR.PN, "Doe^John");
        ds.setString(Tag.PatientID, VR.LO, "ID-1");
        ds.setString(Tag.of(0x0018, 0x0050), VR.DS, "2.5");
        ds.setInt(Tag.of(0x0020, 0x0013), VR.IS, 7);
        ds.setInt(Tag.Rows, VR.US, 2);
        ds.setInt(Tag.Columns, VR.US, 2);
        ds.setInt(Tag.of(0x0028, 0x0106), VR.SS, -3);
        ds.setInt(Tag.of(0x0018, 0x1151), VR.SL, -100000);
        ds.setInt(Tag.of(0x0020, 0x9057), VR.UL, 123456789);
        ds.setDouble(Tag.of(0x0018, 0x9087), VR.FD, 1.5, -2.25);
        ds.setDouble(Tag.of(0x0018, 0x9089), VR.FL, 0.5);
        ds.setInt(Tag.of(0x0020, 0x9165), VR.AT, Tag.PatientName);
        ds.setLong(Tag.of(0x0072, 0x0082), VR.SV, -1L << 40);
        ds.setLong(Tag.of(0x0072, 0x0083), VR.UV, 1L << 50);
        ds.setBytes(Tag.of(0x0009, 0x0010), VR.LO, "ACME 1.0".getBytes());
        ds.setBytes(Tag.of(0x0009, 0x1001), VR.UN, new byte[] {1, 2, 3, 4});
        Sequence seq = ds.newSequence(Tag.ReferencedSOPSequence);
        Dataset item = seq.addItem();
        item.setBigEndian(bigEndian);
        item.setString(Tag.ReferencedSOPClassUID, VR.UI, UID.CTImageStorage);
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3");
        Dataset item2 = new Dataset();
        item2.setUndefinedLength(false);
        item2.setBigEndian(bigEndian);
        item2.setInt(Tag.of(0x0008, 0x1160), VR.IS, 1, 2, 3);
        Sequence inner = new Sequence(false);
        Dataset innerItem = new Dataset();
        innerItem.setBigEndian(bigEndian);
        innerItem.setString(Tag.of(0x0008, 0x0100), VR.SH, "CODE");
        inner.add(innerItem);
        item2.put(Element.ofSequence(Tag.of(0x0040, 0xA043), VR.SQ, inner));
        seq.add(item2);
        ds.setInt(Tag.PixelData, VR.OW, 1, 2, 3, 0xFFFF);
        return ds;
    }

    static byte[] encode(Dataset ds, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(out, ts);
        w.writeDataset(ds);
        w.finish();
        return out.toByteArray();
    }

    static byte[] hex(String s) {
        s = s.replaceAll("\\s+", "");
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
