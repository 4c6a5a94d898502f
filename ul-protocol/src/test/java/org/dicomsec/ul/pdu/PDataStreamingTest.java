package org.dicomsec.ul.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hot path: PDataWriter and PduReader.nextPdv() (PS3.8 9.3.5, D.1). */
class PDataStreamingTest {

    @Test
    void writerProducesTheSamePduAsTheEncoder() throws IOException {
        PDataWriter w = new PDataWriter(16384);
        assertEquals(16384 - 6, w.maxPayloadLength(), "PS3.8 D.1: PDU-length = 4 + 2 + data <= max");
        byte[] data = new byte[w.maxPayloadLength()];
        new Random(1).nextBytes(data);
        System.arraycopy(data, 0, w.buffer(), w.payloadOffset(), data.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.write(out, 3, false, true, data.length);
        byte[] expected = PduEncoder.toBytes(PDataTf.of(PresentationDataValue.of(3, false, true, data)));
        assertArrayEquals(expected, out.toByteArray());
        assertEquals(16384, out.size() - 6, "the PDU-length equals the peer's maximum exactly");
        // the peer (maximum 16384) accepts it
        PDataTf decoded = (PDataTf) new PduDecoder(16384, 65536).decode(out.toByteArray());
        assertArrayEquals(data, decoded.values().get(0).data());
        assertThrows(IllegalArgumentException.class, () -> w.write(out, 3, false, true, data.length + 1));
    }

    @Test
    void maximumLengthBoundsTheVariableFieldExactly() throws IOException {
        // PS3.8 D.1: a receiver announcing M accepts P-DATA-TF PDUs whose PDU-length is <= M
        for (long max : new long[] {7, 100, 4096, 16384}) {
            PDataWriter w = new PDataWriter(max);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            w.write(out, 1, true, true, w.maxPayloadLength());
            byte[] pdu = out.toByteArray();
            assertEquals(max, pdu.length - 6);
            assertTrue(new PduDecoder(max, 65536).decode(pdu) instanceof PDataTf);
            PduDecodeException e = assertThrows(PduDecodeException.class,
                    () -> new PduDecoder(max - 1, 65536).decode(pdu));
            assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
        }
    }

    @Test
    void unlimitedPeerMaximumUsesTheLocalCap() {
        assertEquals(PDataWriter.DEFAULT_UNLIMITED_PAYLOAD, new PDataWriter(0).maxPayloadLength());
        assertEquals(1000, new PDataWriter(0, 1000).maxPayloadLength());
        assertEquals(1, new PDataWriter(7).maxPayloadLength());
        assertThrows(IllegalArgumentException.class, () -> new PDataWriter(6));
    }

    @Test
    void readerWalksPdvsAsBoundedStreams() throws IOException {
        byte[] a = {1, 2, 3, 4, 5};
        byte[] b = {9, 8, 7};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PduEncoder enc = new PduEncoder();
        enc.write(new PDataTf(List.of(PresentationDataValue.of(1, true, true, a),
                PresentationDataValue.of(3, false, false, b))), out);
        enc.write(PDataTf.of(PresentationDataValue.of(5, false, true, new byte[0])), out);
        enc.write(AReleaseRq.INSTANCE, out);
        PduReader r = new PduReader(new ByteArrayInputStream(out.toByteArray()), new PduDecoder());

        assertEquals(PduType.P_DATA_TF, r.readHeader());
        assertTrue(r.nextPdv());
        assertEquals(1, r.pdvPresentationContextId());
        assertTrue(r.pdvIsCommand());
        assertTrue(r.pdvIsLastFragment());
        assertEquals(5, r.pdvDataLength());
        assertArrayEquals(a, r.pdvData().readAllBytes(), "the stream ends at the end of the fragment");
        assertTrue(r.nextPdv());
        assertEquals(3, r.pdvPresentationContextId());
        assertEquals(false, r.pdvIsCommand());
        assertEquals(false, r.pdvIsLastFragment());
        assertEquals(9, r.pdvData().read(), "first byte only; the rest is skipped by nextPdv");
        assertEquals(false, r.nextPdv());

        assertEquals(PduType.P_DATA_TF, r.readHeader());
        assertTrue(r.nextPdv());
        assertEquals(0, r.pdvDataLength());
        assertEquals(-1, r.pdvData().read());
        assertEquals(false, r.nextPdv());

        assertEquals(AReleaseRq.INSTANCE, r.read());
        assertTrue(assertThrows(PduTruncatedException.class, r::readHeader).atPduBoundary());
    }

    @Test
    void unreadPduIsSkippedByTheNextHeader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PduEncoder enc = new PduEncoder();
        enc.write(PDataTf.of(PresentationDataValue.of(1, false, true, new byte[100])), out);
        enc.write(AReleaseRp.INSTANCE, out);
        PduReader r = new PduReader(new ByteArrayInputStream(out.toByteArray()), new PduDecoder());
        r.readHeader();
        assertTrue(r.nextPdv());
        assertEquals(AReleaseRp.INSTANCE, r.read());
    }

    @Test
    void truncatedPdvDataIsEof() throws IOException {
        byte[] pdu = PduEncoder.toBytes(PDataTf.of(PresentationDataValue.of(1, false, true, new byte[100])));
        PduReader r = new PduReader(new ByteArrayInputStream(Arrays.copyOf(pdu, 50)), new PduDecoder());
        r.readHeader();
        assertTrue(r.nextPdv());
        PduTruncatedException e = assertThrows(PduTruncatedException.class, () -> r.pdvData().readAllBytes());
        assertEquals(false, e.atPduBoundary());
        assertEquals(50, e.offset());
    }

    @Test
    void pdvLengthsAreCheckedAgainstThePdu() throws IOException {
        byte[] p = Vectors.load("table-9-22_p-data-tf.hex");
        p[9] = 0x40;
        PduReader r = new PduReader(new ByteArrayInputStream(p), new PduDecoder());
        r.readHeader();
        PduDecodeException e = assertThrows(PduDecodeException.class, r::nextPdv);
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
        assertEquals(6, e.offset());
    }

    @Test
    void streamingAllowsUnlimitedMaximumWithoutAllocating() throws IOException {
        // announced maximum 0 (unlimited): a 1 MiB PDU streams through a 4 KiB buffer
        PDataWriter w = new PDataWriter(0, 1 << 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.fill(w.buffer(), w.payloadOffset(), w.payloadOffset() + (1 << 20), (byte) 0x5A);
        w.write(out, 1, false, true, 1 << 20);
        PduReader r = new PduReader(new ByteArrayInputStream(out.toByteArray()), new PduDecoder(0, 65536));
        r.readHeader();
        assertTrue(r.nextPdv());
        byte[] buf = new byte[4096];
        long total = 0;
        for (int n; (n = r.readPdvData(buf, 0, buf.length)) > 0; ) {
            total += n;
            assertEquals(0x5A, buf[n - 1]);
        }
        assertEquals(1 << 20, total);
    }

    @Test
    void hotPathReusesItsBufferAndStream() throws IOException {
        PDataWriter w = new PDataWriter(1024);
        byte[] buffer = w.buffer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            buffer[w.payloadOffset()] = (byte) i;
            w.write(out, 1, false, i == 2, 1);
            assertTrue(buffer == w.buffer(), "one buffer per writer");
        }
        PduReader r = new PduReader(new ByteArrayInputStream(out.toByteArray()), new PduDecoder());
        InputStream first = null;
        for (int i = 0; i < 3; i++) {
            r.readHeader();
            assertTrue(r.nextPdv());
            if (first == null) {
                first = r.pdvData();
            }
            assertTrue(first == r.pdvData(), "one PDV stream per reader");
            assertEquals(i, r.pdvData().read());
            assertEquals(i == 2, r.pdvIsLastFragment());
        }
    }
}
