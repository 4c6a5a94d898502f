package org.dicomsec.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte offsets of a DICOMDIR (PS3.3 F.3.2.1, PS3.10 8.4) across a rewrite: a Media Storage
 * Directory file points at its directory records by their file offset (the first byte of the
 * record's Item tag, counted from the first byte of the file), in (0004,1200) first and
 * (0004,1202) last record of the root directory entity, (0004,1400) next record and (0004,1420)
 * lower-level directory entity. Any change before a record (another File Meta Information
 * length, another VR form) moves it, so the {@link Transcoder} notes where each record was and
 * lands, and where each offset value is written; {@link #apply} then writes the new offsets
 * into the output file, in place (4-byte UL values: the sizes do not change). (0004,1410) is the
 * Record In-use Flag, not an offset, and stays as it is.
 */
public final class DirectoryOffsets {
    /** Media Storage Directory Storage (PS3.4 table B.5-1... PS3.10 8.4). */
    public static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";

    private static final int[] OFFSET_TAGS = {0x00041200, 0x00041202, 0x00041400, 0x00041420};

    private record Reference(long at, long oldOffset, boolean bigEndian) {
    }

    private final Map<Long, Long> moved = new HashMap<>();
    private final List<Reference> references = new ArrayList<>();

    /** True for the four offset attributes. */
    public static boolean isOffset(int tag) {
        for (int t : OFFSET_TAGS) {
            if (t == tag) {
                return true;
            }
        }
        return false;
    }

    /** A record (item) that started at {@code oldOffset} in the input starts at {@code newOffset} in the output. */
    void item(long oldOffset, long newOffset) {
        moved.put(oldOffset, newOffset);
    }

    /** An offset value {@code oldOffset} was written at output position {@code at}. */
    void reference(long at, long oldOffset, boolean bigEndian) {
        references.add(new Reference(at, oldOffset, bigEndian));
    }

    /** Offset values noted. */
    public int references() {
        return references.size();
    }

    /** Offset values pointing at no record of the input (left as they were; 0 means "none" and is not counted). */
    public int dangling() {
        int n = 0;
        for (Reference r : references) {
            if (r.oldOffset() != 0 && !moved.containsKey(r.oldOffset())) {
                n++;
            }
        }
        return n;
    }

    /** True when some offset value changes. */
    public boolean changes() {
        for (Reference r : references) {
            Long to = moved.get(r.oldOffset());
            if (r.oldOffset() != 0 && to != null && to != r.oldOffset()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the new offsets into the output file (whose first byte is position 0 of the writer).
     *
     * @return the number of values changed
     */
    public int apply(FileChannel out) throws IOException {
        int changed = 0;
        ByteBuffer b = ByteBuffer.allocate(4);
        for (Reference r : references) {
            Long to = r.oldOffset() == 0 ? null : moved.get(r.oldOffset());
            if (to == null || to == r.oldOffset()) {
                continue;
            }
            if (to > 0xFFFF_FFFFL) {
                throw new DicomCodecException("directory record moved to offset " + to + ", beyond a UL", r.at(),
                        0x00041400);
            }
            b.clear();
            b.order(r.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN).putInt((int) (long) to).flip();
            while (b.hasRemaining()) {
                out.write(b, r.at() + b.position());
            }
            changed++;
        }
        return changed;
    }
}
