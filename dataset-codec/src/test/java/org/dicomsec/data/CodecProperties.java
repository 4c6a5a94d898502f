package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 2 properties: (a) encode, decode, encode is the identity for random
 * data sets in every native syntax and an encapsulated one; (b) any mutation or
 * truncation of a valid encoding decodes to a value or a DicomCodecException,
 * never another exception, within bounded memory (small in-memory limit).
 */
class CodecProperties {

    private static final TransferSyntax[] SYNTAXES = {TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
            TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.of(UID.JPEG2000Lossless)};

    private static final ReadLimits SMALL = new ReadLimits(16, 64 * 1024, -1);

    @Property(tries = 400)
    void encodeDecodeEncodeIsIdentity(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int syntax)
            throws IOException {
        TransferSyntax ts = SYNTAXES[syntax];
        Dataset d = RandomDatasets.dataset(new Random(seed), 4, true);
        byte[] first = TestData.encode(d, ts);
        Dataset back = DicomReader.read(first, ts);
        byte[] second = TestData.encode(back, ts);
        assertArrayEquals(first, second, "seed " + seed + " in " + ts.uid());
        if (ts.explicitVR()) {
            assertEquals(Canonical.of(d), Canonical.of(back), "values, seed " + seed);
        }
        // streamed through the transcoder in the same syntax: the same bytes again
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Transcoder.transcode(new ByteArrayInputStream(first), ts, out, ts);
        assertArrayEquals(first, out.toByteArray(), "streamed copy, seed " + seed);
    }

    @Property(tries = 300)
    void explicitSyntaxesConvertWithoutLoss(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int from,
                                            @ForAll @IntRange(min = 1, max = 3) int to) throws IOException {
        Dataset d = RandomDatasets.dataset(new Random(seed), 3, false);
        Dataset a = DicomReader.read(TestData.encode(d, SYNTAXES[from]), SYNTAXES[from]);
        Dataset b = DicomReader.read(TestData.encode(a, SYNTAXES[to]), SYNTAXES[to]);
        assertEquals(Canonical.of(d), Canonical.of(b), "seed " + seed);
    }

    @Property(tries = 1000)
    void mutatedInputEndsInAValueOrACodecException(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int syntax,
                                                   @ForAll @IntRange(min = 0, max = 3) int mode) throws IOException {
        Random rnd = new Random(seed);
        TransferSyntax ts = SYNTAXES[syntax];
        // random private elements, or public ones whose VRs the dictionary gives in implicit VR
        Dataset d = rnd.nextBoolean() ? RandomDatasets.dataset(rnd, 4, true) : TestData.sample(rnd.nextBoolean());
        byte[] b = TestData.encode(d, ts);
        byte[] m = mutate(b, rnd, mode);
        decodeExpectingOnlyCodecErrors(m, ts, seed);
    }

    @Property(tries = 500)
    void mutatedFilesEndInAValueOrACodecException(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int syntax,
                                                  @ForAll @IntRange(min = 0, max = 3) int mode) throws IOException {
        Random rnd = new Random(seed);
        TransferSyntax ts = SYNTAXES[syntax];
        Dataset d = RandomDatasets.dataset(rnd, 3, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DicomFile(FileMetaInformation.create("1.2.3", "4.5.6", ts.uid()), d).write(out);
        byte[] m = mutate(out.toByteArray(), rnd, mode);
        try {
            DicomFileReader r = DicomFileReader.open(new ByteArrayInputStream(m), SMALL);
            r.readDataset();
        } catch (DicomCodecException expected) {
            // a clean error
        } catch (Throwable t) {
            fail("seed " + seed + ": " + t, t);
        }
    }

    @Property(tries = 500)
    void mutatedCommandSetsEndInAValueOrACodecException(@ForAll long seed,
                                                        @ForAll @IntRange(min = 0, max = 3) int mode) {
        Random rnd = new Random(seed);
        Dataset c = new Dataset();
        c.setString(Tag.AffectedSOPClassUID, VR.UI, UID.CTImageStorage);
        c.setInt(Tag.CommandField, VR.US, 0x0001);
        c.setInt(Tag.MessageID, VR.US, rnd.nextInt(0x10000));
        c.setInt(Tag.Priority, VR.US, 0);
        c.setInt(Tag.CommandDataSetType, VR.US, 0x0000);
        c.setString(Tag.AffectedSOPInstanceUID, VR.UI, UID.randomUID());
        byte[] m = mutate(CommandSet.encode(c), rnd, mode);
        try {
            CommandSet.decode(m);
        } catch (DicomCodecException expected) {
            // a clean error
        } catch (Throwable t) {
            fail("seed " + seed + ": " + t, t);
        }
    }

    private static void decodeExpectingOnlyCodecErrors(byte[] m, TransferSyntax ts, long seed) {
        try {
            new DicomReader(new ByteArrayInputStream(m), ts, SMALL, 0).readDataset();
        } catch (DicomCodecException expected) {
            // a clean error
        } catch (Throwable t) {
            fail("seed " + seed + " in " + ts.uid() + ": " + t, t);
        }
        try {
            new DicomReader(new ByteArrayInputStream(m), ts, SMALL.withStreamLength(m.length), 0).readDataset();
        } catch (DicomCodecException expected) {
            // a clean error
        } catch (Throwable t) {
            fail("seed " + seed + " in " + ts.uid() + " (length known): " + t, t);
        }
    }

    /** 0: flip bytes, 1: truncate, 2: overwrite a length-like 4-byte run, 3: insert bytes. */
    static byte[] mutate(byte[] b, Random rnd, int mode) {
        if (b.length == 0) {
            return new byte[] {(byte) rnd.nextInt()};
        }
        switch (mode) {
            case 0: {
                byte[] m = b.clone();
                int n = 1 + rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    m[rnd.nextInt(m.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
                return m;
            }
            case 1:
                return Arrays.copyOf(b, rnd.nextInt(b.length));
            case 2: {
                byte[] m = b.clone();
                int at = rnd.nextInt(m.length);
                int[] lengths = {0xFFFFFFFF, 0x7FFFFFFF, 0xFFFFFFFE, 0x00010000, 3, 0};
                int v = lengths[rnd.nextInt(lengths.length)];
                for (int i = 0; i < 4 && at + i < m.length; i++) {
                    m[at + i] = (byte) (v >>> (8 * i));
                }
                return m;
            }
            default: {
                int at = rnd.nextInt(b.length);
                byte[] ins = RandomDatasets.bytes(rnd, 1 + rnd.nextInt(8));
                byte[] m = new byte[b.length + ins.length];
                System.arraycopy(b, 0, m, 0, at);
                System.arraycopy(ins, 0, m, at, ins.length);
                System.arraycopy(b, at, m, at + ins.length, b.length - at);
                return m;
            }
        }
    }
}
