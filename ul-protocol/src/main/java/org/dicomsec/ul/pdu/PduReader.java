package org.dicomsec.ul.pdu;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads PDUs from one connection's input stream: one reader per association, used by its
 * single reader thread (not thread-safe).
 * <p>
 * {@link #readHeader()} reads and checks the 6-byte PDU header against the {@link PduDecoder}'s
 * limits before anything is allocated. Then either {@link #readBody()} materialises the PDU as a
 * record, or — for P-DATA-TF, the hot path — {@link #nextPdv()} walks its PDV items, exposing
 * each fragment as a bounded stream ({@link #pdvData()}) or via {@link #readPdvData}: no
 * allocation per PDU or per fragment, and the data goes straight from the socket to the caller.
 * Unread parts of a PDU are skipped by the next {@link #readHeader()}.
 */
public final class PduReader {
    private final InputStream in;
    private PduDecoder decoder;
    private final byte[] header = new byte[PduType.HEADER_LENGTH];
    private final PdvStream pdvStream = new PdvStream();

    private int type = -1;
    private long length;
    /** Bytes of the current PDU's variable field consumed so far. */
    private long consumed;
    private int pdvContextId;
    private int pdvControlHeader;
    private int pdvDataLength;
    private int pdvRemaining;

    /** A reader with the limits of {@code decoder}. */
    public PduReader(InputStream in, PduDecoder decoder) {
        this.in = in;
        this.decoder = decoder;
    }

    /** Changes the limits, e.g. once the association has negotiated its maximum length. */
    public void decoder(PduDecoder decoder) {
        this.decoder = decoder;
    }

    /** The current limits. */
    public PduDecoder decoder() {
        return decoder;
    }

    /** Reads the next whole PDU. */
    public Pdu read() throws IOException {
        readHeader();
        return readBody();
    }

    /**
     * Reads and checks the next PDU header (skipping what is left of the previous PDU).
     *
     * @return the PDU type
     * @throws PduTruncatedException if the stream ends (at a PDU boundary: {@code atPduBoundary()})
     * @throws PduDecodeException    for an unknown type (reason 1) or a length beyond the limits (6)
     */
    public int readHeader() throws IOException {
        if (type >= 0 && consumed < length) {
            skipRest();
        }
        type = -1;
        int n = 0;
        while (n < header.length) {
            int r = in.read(header, n, header.length - n);
            if (r < 0) {
                throw new PduTruncatedException("in the PDU header", n == 0 ? -1 : header[0] & 0xFF, n);
            }
            n += r;
        }
        int t = header[0] & 0xFF;
        long len = Bytes.get32(header, 2); // header[1] reserved: not tested (PS3.8 9.3.1)
        decoder.checkHeader(t, len);
        type = t;
        length = len;
        consumed = 0;
        pdvRemaining = 0;
        pdvDataLength = 0;
        return t;
    }

    /** Type of the PDU whose header was read last. */
    public int pduType() {
        return type;
    }

    /** PDU-length field of the PDU whose header was read last. */
    public long pduLength() {
        return length;
    }

    /** Reads the rest of the current PDU and decodes it as a record. */
    public Pdu readBody() throws IOException {
        requireBody();
        if (consumed != 0) {
            throw new IllegalStateException("part of the PDU was already read as PDVs");
        }
        if (length > PduDecoder.MATERIALISE_CAP) {
            throw new PduDecodeException("PDU-length " + length + " too long to hold in memory; read it as PDVs",
                    type, 2, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
        }
        int len = (int) length;
        // readNBytes grows its buffer with the bytes actually received, so a length field that
        // lies (within the configured bound) costs no more memory than the peer really sends
        byte[] body = in.readNBytes(len);
        consumed = body.length;
        if (body.length < len) {
            throw new PduTruncatedException("in the variable field (" + length + " bytes announced)", type,
                    PduType.HEADER_LENGTH + body.length);
        }
        return decoder.decodeBody(type, body, len);
    }

    /**
     * Advances to the next PDV item of the current P-DATA-TF PDU (PS3.8 table 9-23), skipping
     * unread data of the previous one.
     *
     * @return false when the PDU has no more PDV items
     */
    public boolean nextPdv() throws IOException {
        requireBody();
        if (type != PduType.P_DATA_TF) {
            throw new IllegalStateException("not a P-DATA-TF: " + PduType.name(type));
        }
        skipPdvData();
        long left = length - consumed;
        if (left == 0) {
            return false;
        }
        long at = PduType.HEADER_LENGTH + consumed;
        if (left < 6) {
            throw new PduDecodeException(left + " bytes left in the PDU cannot hold a PDV item header", type, at,
                    AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
        }
        readFully(header, 6, at);
        consumed += 6;
        long itemLength = Bytes.get32(header, 0);
        if (itemLength < 2) {
            throw new PduDecodeException("PDV Item-length " + itemLength + " is less than 2", type, at,
                    AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
        }
        if (itemLength - 2 > length - consumed) {
            throw new PduDecodeException("PDV Item-length " + itemLength + " exceeds the " + (left - 4)
                    + " bytes left in the PDU", type, at, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
        }
        if (itemLength - 2 > Integer.MAX_VALUE) {
            throw new PduDecodeException("PDV Item-length " + itemLength + " too long", type, at,
                    AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
        }
        pdvContextId = header[4] & 0xFF;
        pdvControlHeader = header[5] & 0xFF;
        pdvDataLength = (int) (itemLength - 2);
        pdvRemaining = pdvDataLength;
        return true;
    }

    /** Presentation-context-ID of the current PDV. */
    public int pdvPresentationContextId() {
        return pdvContextId;
    }

    /** Message control header of the current PDV (PS3.8 E.2). */
    public int pdvMessageControlHeader() {
        return pdvControlHeader;
    }

    /** True if the current PDV carries command information. */
    public boolean pdvIsCommand() {
        return (pdvControlHeader & PresentationDataValue.COMMAND) != 0;
    }

    /** True if the current PDV is the last fragment. */
    public boolean pdvIsLastFragment() {
        return (pdvControlHeader & PresentationDataValue.LAST_FRAGMENT) != 0;
    }

    /** Length of the current PDV's data. */
    public int pdvDataLength() {
        return pdvDataLength;
    }

    /** Bytes of the current PDV's data not yet read. */
    public int pdvDataRemaining() {
        return pdvRemaining;
    }

    /**
     * The current PDV's data as a stream that ends at the end of the fragment. The same
     * object is returned for every PDV; closing it does nothing.
     */
    public InputStream pdvData() {
        return pdvStream;
    }

    /**
     * Reads up to {@code len} bytes of the current PDV's data.
     *
     * @return bytes read, or -1 at the end of the fragment
     * @throws PduTruncatedException if the stream ends inside the fragment
     */
    public int readPdvData(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (pdvRemaining == 0) {
            return len == 0 ? 0 : -1;
        }
        int r = in.read(b, off, Math.min(len, pdvRemaining));
        if (r < 0) {
            throw new PduTruncatedException("in PDV data", type, PduType.HEADER_LENGTH + consumed);
        }
        pdvRemaining -= r;
        consumed += r;
        return r;
    }

    /** Skips whatever is left of the current PDU. */
    public void skipRest() throws IOException {
        long left = length - consumed;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new PduTruncatedException("while skipping", type, PduType.HEADER_LENGTH + consumed);
                }
                s = 1;
            }
            left -= s;
            consumed += s;
        }
        pdvRemaining = 0;
    }

    private void skipPdvData() throws IOException {
        while (pdvRemaining > 0) {
            long s = in.skip(pdvRemaining);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new PduTruncatedException("in PDV data", type, PduType.HEADER_LENGTH + consumed);
                }
                s = 1;
            }
            pdvRemaining -= (int) s;
            consumed += s;
        }
    }

    private void requireBody() {
        if (type < 0) {
            throw new IllegalStateException("no PDU header read");
        }
    }

    private void readFully(byte[] b, int n, long at) throws IOException {
        int got = 0;
        while (got < n) {
            int r = in.read(b, got, n - got);
            if (r < 0) {
                throw new PduTruncatedException("in a PDV item header", type, at + got);
            }
            got += r;
        }
    }

    /** The bounded view of the current PDV's data. */
    private final class PdvStream extends InputStream {
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            int r = readPdvData(one, 0, 1);
            return r <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return readPdvData(b, off, len);
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public void close() {
            // the connection's stream stays open
        }
    }
}

