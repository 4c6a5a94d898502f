package org.dicomsec.ul;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.zip.CRC32;

import org.dicomsec.data.UID;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.PlainTcp;

/**
 * Run by {@link LargeInstanceTest} in a JVM with a small heap: C-STORE of a data set larger than
 * 2 GiB over loopback, checked by length and CRC-32 on the receiving side. Prints one line
 * "sent N received N crc X Y" and exits 0 when both match.
 */
public final class BigTransferMain {
    private BigTransferMain() {
    }

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        CRC32 sentCrc = new CRC32();
        CRC32 gotCrc = new CRC32();
        long[] got = new long[1];
        DimseHandlers h = DimseHandlers.builder().cstore((a, pc, rq, in) -> {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                gotCrc.update(buf, 0, n);
                got[0] += n;
            }
            return Status.OK;
        }).build();
        AssociationSettings s = AssociationSettings.DEFAULT.withMaxPduLength(65536);
        Status st;
        try (DicomServer srv = new DicomServer(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0),
                AcceptorPolicy.builder().anyAbstractSyntax(UID.ImplicitVRLittleEndian).build(), h, s, 1)) {
            srv.start();
            Association a = Association.request(PlainTcp.connector(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), srv.localPort()),
                    AssociationRequest.builder("BIG_SCP", "BIG_SCU")
                            .presentationContext(UID.CTImageStorage, UID.ImplicitVRLittleEndian).settings(s).build());
            InputStream source = new InputStream() {
                long left = size;
                int k;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (left == 0) {
                        return -1;
                    }
                    int n = (int) Math.min(len, left);
                    for (int i = 0; i < n; i++) {
                        b[off + i] = (byte) (k++ * 31 + (k >>> 11));
                    }
                    sentCrc.update(b, off, n);
                    left -= n;
                    return n;
                }
            };
            st = a.cstore(UID.CTImageStorage, "1.2.3.2147483648", UID.ImplicitVRLittleEndian, source).status();
            a.release();
        }
        System.out.println("status " + st.code() + " sent " + size + " received " + got[0] + " crc "
                + sentCrc.getValue() + " " + gotCrc.getValue());
        System.exit(st.isSuccess() && got[0] == size && sentCrc.getValue() == gotCrc.getValue() ? 0 : 1);
    }
}
