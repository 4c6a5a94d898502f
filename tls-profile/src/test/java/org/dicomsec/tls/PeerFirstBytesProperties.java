package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link SocketStreams.Input} keeps the peer's first bytes (what a failed handshake names) however
 * the reads are cut, and returns the stream unchanged.
 */
class PeerFirstBytesProperties {

    @Property(tries = 300)
    void theFirstBytesAreKeptAndTheStreamIsUnchanged(@ForAll @Size(max = 40) byte[] data,
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 9) Integer> reads) throws IOException {
        // a tiny source read per call, so that the buffer holds a varying part of the stream
        SocketStreams.Input in = new SocketStreams.Input(new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        });
        byte[] out = new byte[data.length];
        int got = 0;
        for (int i = 0; got < data.length; i++) {
            int want = reads.get(i % reads.size());
            int n;
            if (want == 0) {
                n = in.read();
                if (n >= 0) {
                    out[got] = (byte) n;
                    n = 1;
                }
            } else {
                n = in.read(out, got, Math.min(want, data.length - got));
            }
            if (n < 0) {
                break;
            }
            got += n;
            byte[] head = in.head();
            assertArrayEquals(Arrays.copyOf(data, head.length), head, "a prefix of the stream");
            assertEquals(data[0] & 0xFF, in.firstByte());
        }
        assertEquals(data.length, got);
        assertArrayEquals(data, out);
        assertArrayEquals(Arrays.copyOf(data, Math.min(6, data.length)), in.head());
        assertEquals(data.length == 0 ? -1 : data[0] & 0xFF, in.firstByte());
    }
}
