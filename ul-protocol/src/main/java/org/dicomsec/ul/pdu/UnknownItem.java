package org.dicomsec.ul.pdu;

import java.util.Arrays;

/**
 * An item of a type this implementation does not know, found in the variable field of an
 * A-ASSOCIATE-RQ/AC. PS3.8 9.3.1 lets a receiver ignore such items; they are kept here
 * (type and value bytes) so that the upper layer can see them and re-encoding is faithful.
 *
 * @param type  the item type byte
 * @param value the bytes after the item length field
 */
public record UnknownItem(int type, byte[] value) {
    public UnknownItem {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("item type must fit one byte: " + type);
        }
        if (isDefined(type)) {
            throw new IllegalArgumentException(String.format("item type 0x%02X is defined by PS3.8", type));
        }
        value = Bytes.checkBytes(value, 0xFFFF, "item value");
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Item types PS3.8 defines (10H, 20H, 21H, 30H, 40H, 50H..59H); the rest are unknown. */
    static boolean isDefined(int type) {
        return type == 0x10 || type == 0x20 || type == 0x21 || type == 0x30 || type == 0x40
                || (type >= 0x50 && type <= 0x59);
    }

    byte[] raw() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownItem u && u.type == type && Arrays.equals(u.value, value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("UnknownItem[type=0x%02X, value=%s]", type, Bytes.hex(value));
    }
}
