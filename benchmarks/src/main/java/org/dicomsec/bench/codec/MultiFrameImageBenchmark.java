package org.dicomsec.bench.codec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomReader;
import org.dicomsec.data.ReadLimits;
import org.dicomsec.data.TransferSyntax;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode and encode throughput of a 256 MiB multi-frame image (512 frames of
 * 512 x 512 16-bit pixels, one OW Pixel Data value) per uncompressed transfer
 * syntax. Decode reads the whole data set into memory from a temporary file
 * written in {@link #setup()} (page-cached after the first pass); encode
 * copies it into a reused 1 MiB memory buffer ({@link CopyingSink}), so the disk is not measured.
 * The {@code bytes} counter is the data set size before deflation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 3, time = 4)
public class MultiFrameImageBenchmark {

    @Param({"explicit-le", "implicit-le", "explicit-be", "deflated"})
    public String syntax;

    /** Frames of 512 x 512 x 2 bytes; 512 frames = 256 MiB (a smaller value for a quick look). */
    @Param({"512"})
    public int frames;

    private TransferSyntax ts;
    private Dataset image;
    private Path file;
    private long datasetBytes;
    private ReadLimits limits;
    private final CopyingSink sink = new CopyingSink();

    @Setup(Level.Trial)
    public void setup() throws IOException {
        ts = CodecData.syntax(syntax);
        image = CodecData.multiFrameImage(frames, 512, 512);
        file = Files.createTempFile("dicomsec-bench-image-", ".dcm");
        datasetBytes = CodecData.write(image, ts, file);
        limits = ReadLimits.DEFAULT.withMaxValueLength(1L << 30);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public Dataset decode(ByteCounter counter) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DicomReader r = new DicomReader(in, ts, limits, 0)) {
            Dataset d = r.readDataset();
            counter.bytes += datasetBytes;
            return d;
        }
    }

    @Benchmark
    public byte encode(ByteCounter counter) throws IOException {
        long n = CodecData.write(image, ts, sink);
        counter.bytes += n;
        return sink.last();
    }
}
