package org.dicomsec.ul.pdu;

import java.util.Arrays;

/**
 * A User Information sub-item of a type not defined in PS3.7 Annex D.3.3 / PS3.8 Annex D.
 * PS3.8 9.3.1 lets receivers ignore unknown items; it is kept (type and value) so it can be
 * inspected and re-encoded.
 *
 * @param itemType the sub-item type byte (not 51H..59H)
 * @param value    the bytes after the item length field
 */
public record UnknownSubItem(int itemType, byte[] value) implements UserInformationSubItem {
    public UnknownSubItem {
        if (itemType < 0 || itemType > 255) {
            throw new IllegalArgumentException("sub-item type must fit one byte: " + itemType);
        }
        if (itemType >= 0x51 && itemType <= 0x59) {
            throw new IllegalArgumentException(String.format("sub-item type 0x%02X is defined", itemType));
        }
        value = Bytes.checkBytes(value, 0xFFFF, "sub-item value");
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    byte[] raw() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownSubItem u && u.itemType == itemType && Arrays.equals(u.value, value);
    }

    @Override
    public int hashCode() {
        return itemType * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("UnknownSubItem[type=0x%02X, value=%s]", itemType, Bytes.hex(value));
    }
}
