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
 * Decode and encode throughput of a data set of 10,000 small values (a
 * sequence of 1,000 items of ten elements of ten VRs each) per uncompressed
 * transfer syntax: the per-element cost of headers, items and small
 * allocations. Decode reads the data set from a temporary file written in
 * {@link #setup()}; encode copies into a reused memory buffer ({@link CopyingSink}). The
 * {@code bytes} counter is the data set size before deflation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SmallValuesBenchmark {

    @Param({"explicit-le", "implicit-le", "explicit-be", "deflated"})
    public String syntax;

    /** Number of small-valued elements. */
    @Param({"10000"})
    public int elements;

    private TransferSyntax ts;
    private Dataset dataset;
    private Path file;
    private long datasetBytes;
    private ReadLimits limits;
    private final CopyingSink sink = new CopyingSink();

    @Setup(Level.Trial)
    public void setup() throws IOException {
        ts = CodecData.syntax(syntax);
        dataset = CodecData.smallValues(elements);
        file = Files.createTempFile("dicomsec-bench-small-", ".dcm");
        datasetBytes = CodecData.write(dataset, ts, file);
        limits = ReadLimits.DEFAULT;
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
        long n = CodecData.write(dataset, ts, sink);
        counter.bytes += n;
        return sink.last();
    }
}
