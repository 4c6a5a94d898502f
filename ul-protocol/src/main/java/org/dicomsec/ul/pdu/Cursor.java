package org.dicomsec.ul.pdu;

/**
 * A bounded view of part of a received PDU. Every read is checked against the end of the view
 * (the enclosing item or PDU), so no length field is trusted beyond what encloses it; an overrun
 * is a {@link PduDecodeException} with reason 6, invalid-PDU-parameter value (PS3.8 table 9-26).
 */
final class Cursor {
    final int pduType;
    final byte[] b;
    int pos;
    final int end;
    /** Offset in the PDU of b[0] (6: the body follows the PDU header). */
    private final int base;

    Cursor(int pduType, byte[] b, int pos, int end, int base) {
        this.pduType = pduType;
        this.b = b;
        this.pos = pos;
        this.end = end;
        this.base = base;
    }

    int remaining() {
        return end - pos;
    }

    long offset() {
        return (long) base + pos;
    }

    PduDecodeException error(String message, int reason) {
        return new PduDecodeException(message, pduType, offset(), reason);
    }

    PduDecodeException invalid(String message) {
        return error(message, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
    }

    void need(int n, String field) throws PduDecodeException {
        if (n > remaining()) {
            throw invalid(field + " needs " + n + " bytes but only " + remaining() + " remain in the enclosing "
                    + "item or PDU");
        }
    }

    int u8(String field) throws PduDecodeException {
        need(1, field);
        return b[pos++] & 0xFF;
    }

    int u16(String field) throws PduDecodeException {
        need(2, field);
        int v = Bytes.get16(b, pos);
        pos += 2;
        return v;
    }

    long u32(String field) throws PduDecodeException {
        need(4, field);
        long v = Bytes.get32(b, pos);
        pos += 4;
        return v;
    }

    /** Skips reserved bytes: PS3.8 9.3: reserved fields are not tested on receipt. */
    void skipReserved(int n, String field) throws PduDecodeException {
        need(n, field);
        pos += n;
    }

    String latin1(int n, String field) throws PduDecodeException {
        need(n, field);
        String s = Bytes.latin1(b, pos, n);
        pos += n;
        return s;
    }

    byte[] bytes(int n, String field) throws PduDecodeException {
        need(n, field);
        byte[] v = java.util.Arrays.copyOfRange(b, pos, pos + n);
        pos += n;
        return v;
    }

    /** A view of the next {@code n} bytes, which this cursor then skips. */
    Cursor sub(int n, String field) throws PduDecodeException {
        need(n, field);
        Cursor c = new Cursor(pduType, b, pos, pos + n, base);
        pos += n;
        return c;
    }

    /**
     * As {@link #sub(int, String)} for an item or sub-item of {@code type}; the
     * field is named ("sub-item 0x51 of Item-length 4") only when the check fails,
     * so that decoding a valid PDU formats no text.
     */
    Cursor subItem(int n, String kind, int type) throws PduDecodeException {
        if (n > remaining()) {
            need(n, String.format("%s 0x%02X of Item-length %d", kind, type, n));
        }
        return sub(n, kind);
    }

    /** As {@link #expectEnd(String)}, naming "KIND 0xTT" only when the check fails. */
    void expectEnd(String kind, int type) throws PduDecodeException {
        if (pos != end) {
            expectEnd(String.format("%s 0x%02X", kind, type));
        }
    }

    /** Fails unless the view has been consumed exactly. */
    void expectEnd(String item) throws PduDecodeException {
        if (pos != end) {
            throw invalid(item + " has " + remaining() + " bytes beyond its fields");
        }
    }
}
