package org.dicomsec.iscl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.ul.pdu.AAssociateRj;
import org.dicomsec.ul.pdu.PduEncoder;
import org.dicomsec.ul.pdu.PduType;

/**
 * The link between an ISCL entity and DICOM AE titles (docs/iscl-wire-format.md
 * section 15; conformance statement 5.2): on an acceptor that asks for it, the
 * calling AE title of the first A-ASSOCIATE-RQ must be one of the titles the
 * keyring entry of the authenticated entity lists in its flag
 * {@link IsclConfig#AE_TITLES_FLAG} ("MODALITY1,MODALITY2"). Otherwise the
 * request is answered, before the Upper Layer sees it, with the A-ASSOCIATE-RJ
 * the Upper Layer itself gives an unknown calling AE title (PS3.8 table 9-21:
 * rejected-permanent, service-user, calling-AE-title-not-recognized), the line
 * connection is closed with DISCONNECT, and the local reader gets an
 * IOException naming the title and the entity.
 *
 * <p>Only the PDU header and the fixed fields up to the calling AE title are
 * looked at (PS3.8 9.3.2: type, length, protocol version, called and calling AE
 * title, 42 bytes); anything else passes to the Upper Layer unchanged, which
 * rejects a malformed request itself.
 */
final class CallingAeTitleGate extends InputStream {

    /** PDU header, protocol version, reserved, called AE title, calling AE title (PS3.8 table 9-11). */
    private static final int PREFIX = 6 + 2 + 2 + 16 + 16;

    /** What closes the connection after the rejection (DISCONNECT, then the socket). */
    interface Closer {
        void close() throws IOException;
    }

    private static final System.Logger LOG = LibraryLog.logger(CallingAeTitleGate.class);

    private final InputStream in;
    private final OutputStream out;
    private final String entity;
    private final Set<String> allowed;
    private final String flag;
    private final Closer closer;
    private byte[] replay;
    private int replayPos;
    private boolean checked;

    CallingAeTitleGate(InputStream in, OutputStream out, String entity, Map<String, String> attributes,
                       Closer closer) {
        this.in = in;
        this.out = out;
        this.entity = entity;
        this.flag = attributes.get(IsclConfig.AE_TITLES_FLAG);
        this.allowed = titles(flag);
        this.closer = closer;
    }

    /** The titles of a flag value "A,B , C" (empty entries ignored, spaces around each trimmed). */
    static Set<String> titles(String flag) {
        Set<String> s = new LinkedHashSet<>();
        if (flag != null) {
            for (String t : flag.split(",")) {
                if (!t.isBlank()) {
                    s.add(t.strip());
                }
            }
        }
        return s;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (!checked) {
            check();
        }
        if (replay != null && replayPos < replay.length) {
            int n = Math.min(len, replay.length - replayPos);
            System.arraycopy(replay, replayPos, b, off, n);
            replayPos += n;
            return n;
        }
        return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return replay != null && replayPos < replay.length ? replay.length - replayPos : in.available();
    }

    private void check() throws IOException {
        byte[] head = new byte[PREFIX];
        int got = readUpTo(head, 6);
        if (got == 6 && (head[0] & 0xFF) == PduType.A_ASSOCIATE_RQ) {
            long length = (head[2] & 0xFFL) << 24 | (head[3] & 0xFF) << 16 | (head[4] & 0xFF) << 8 | (head[5] & 0xFF);
            if (length >= PREFIX - 6) {
                got += readUpTo(head, PREFIX - 6, 6);
                if (got == PREFIX) {
                    String calling = new String(head, 26, 16, java.nio.charset.StandardCharsets.US_ASCII).strip();
                    if (!allowed.contains(calling)) {
                        reject(calling);
                    }
                }
            }
        }
        checked = true;
        replay = Arrays.copyOf(head, got);
    }

    private void reject(String calling) throws IOException {
        byte[] rj = PduEncoder.toBytes(new AAssociateRj(AAssociateRj.RESULT_REJECTED_PERMANENT,
                AAssociateRj.SOURCE_SERVICE_USER, AAssociateRj.REASON_CALLING_AE_TITLE_NOT_RECOGNIZED));
        try {
            out.write(rj);
            out.flush();
        } finally {
            closer.close();
        }
        IOException x = new IOException("ISCL entity " + entity + " called with AE title " + EntityNames.printable(calling)
                + ", not one its keyring entry allows (" + IsclConfig.AE_TITLES_FLAG + " = "
                + (flag == null ? "none" : EntityNames.printable(flag)) + "): A-ASSOCIATE-RJ sent (rejected-permanent,"
                + " service-user, calling-AE-title-not-recognized)");
        LOG.log(System.Logger.Level.WARNING, x.getMessage());
        throw x;
    }

    private int readUpTo(byte[] b, int n) throws IOException {
        return readUpTo(b, n, 0);
    }

    private int readUpTo(byte[] b, int n, int off) throws IOException {
        int got = 0;
        while (got < n) {
            int r = in.read(b, off + got, n - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        return got;
    }
}
