package org.dicomsec.iscl.engine;

import java.io.IOException;

/** Called before each handshake read, to arm the read timeout (docs/iscl-wire-format.md section 9). */
@FunctionalInterface
public interface HandshakeClock {

    /** Sets the timeout of the next read; throws IsclException TIMEOUT when no time is left. */
    void beforeRead() throws IOException;

    /** No timeouts: in-memory streams in tests. */
    HandshakeClock NONE = () -> { };
}
