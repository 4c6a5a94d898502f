package org.dicomsec.bench.ul;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bytes moved by a benchmark method; JMH reports the count as a rate ({@code bytes}, in
 * "ops/s" = bytes per second), which docs/benchmarks.md gives as MB/s (10^6 bytes per second).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteCount {

    /** Bytes moved in the current iteration. */
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
    }
}
