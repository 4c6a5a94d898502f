package org.dicomsec.data.listing;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomReader;
import org.dicomsec.data.Element;

/**
 * Reads a data set from a {@link DicomReader} for display, keeping at most
 * {@code cap} bytes of each value and of each encapsulated fragment: the rest
 * is skipped in the stream, never held, so a dump of a file with gigabytes of
 * Pixel Data needs little memory. The full length of each cut value is kept
 * in {@link #fullLengths()}. Nesting is followed by {@link DicomReader#readDataset(Dataset,
 * DicomReader.ValueReader)}, as deep as the reader's limits allow.
 */
public final class CappedDatasetReader {

    private final Map<Object, Long> fullLengths = new IdentityHashMap<>();
    private final int cap;
    private Dataset partial;

    /** @param cap bytes kept of each value; {@link Integer#MAX_VALUE} keeps all (within the reader's limits) */
    public CappedDatasetReader(int cap) {
        this.cap = cap;
    }

    /** For each {@link Element} or fragment {@code byte[]} that was cut: its length in the stream. */
    public Map<Object, Long> fullLengths() {
        return fullLengths;
    }

    /**
     * What was read before {@link #read} failed: the elements up to the bad
     * one (for a listing of a damaged file, as far as it goes); null before.
     */
    public Dataset partial() {
        return partial;
    }

    /** Reads from where the reader stands to the end of the data set. */
    public Dataset read(DicomReader r) throws IOException {
        partial = new Dataset();
        return r.readDataset(partial, new DicomReader.ValueReader() {
            @Override
            public Element element(DicomReader reader) throws IOException {
                long len = reader.length();
                if (len <= cap) {
                    return reader.readElement();
                }
                Element e = Element.of(reader.tag(), reader.vr(), prefix(reader), reader.bigEndian());
                fullLengths.put(e, len);
                return e;
            }

            @Override
            public byte[] fragment(DicomReader reader) throws IOException {
                long len = reader.length();
                if (len <= cap) {
                    return reader.readValue();
                }
                byte[] b = prefix(reader);
                fullLengths.put(b, len);
                return b;
            }
        });
    }

    /** The first {@code cap} bytes of the pending value; the rest is skipped. */
    private byte[] prefix(DicomReader r) throws IOException {
        byte[] b = new byte[cap];
        int n = 0;
        while (n < cap) {
            int k = r.readValueChunk(b, n, cap - n);
            if (k < 0) {
                break;
            }
            n += k;
        }
        r.skipValue();
        return n == cap ? b : java.util.Arrays.copyOf(b, n);
    }
}
