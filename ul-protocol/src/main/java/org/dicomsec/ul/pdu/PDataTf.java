package org.dicomsec.ul.pdu;

import java.util.List;

/**
 * P-DATA-TF PDU, type 04H (PS3.8 9.3.5, table 9-22): one or more PDV items. The PDU length is
 * the sum over PDVs of {@code 4 + 2 + data length}; that sum is what the peer's Maximum Length
 * (PS3.8 D.1) bounds. For streaming without a record per PDU see {@link PDataWriter} and
 * {@link PduReader#nextPdv()}.
 *
 * @param values the PDV items, in order
 */
public record PDataTf(List<PresentationDataValue> values) implements Pdu {
    public PDataTf {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a P-DATA-TF carries at least one PDV item");
        }
    }

    /** Single-PDV convenience. */
    public static PDataTf of(PresentationDataValue pdv) {
        return new PDataTf(List.of(pdv));
    }

    @Override
    public int pduType() {
        return PduType.P_DATA_TF;
    }

    /** The PDU length field value: the variable field length that PS3.8 D.1 bounds. */
    public long variableFieldLength() {
        long n = 0;
        for (int i = 0; i < values.size(); i++) {
            n += 6L + values.get(i).dataLength();
        }
        return n;
    }
}
