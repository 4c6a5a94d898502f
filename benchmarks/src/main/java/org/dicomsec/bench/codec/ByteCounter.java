package org.dicomsec.bench.codec;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the data set bytes a benchmark method decoded or encoded; JMH reports
 * the count as a rate ({@code bytes} in ops/s = bytes per second), from which
 * docs/benchmarks.md gives MB/s (10^6 bytes per second).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteCounter {

    /** Data set bytes handled in the current iteration (the encoding before deflation). */
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
    }
}
