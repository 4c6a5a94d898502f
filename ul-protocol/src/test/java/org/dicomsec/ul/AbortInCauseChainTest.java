package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.dicomsec.ul.transport.TransportIntegrityException;
import org.junit.jupiter.api.Test;

/** {@link AssociationAbortedException#in}: the abort under a failure, however deep, and none where there is none. */
class AbortInCauseChainTest {

    private static final AssociationAbortedException ABORT = new AssociationAbortedException(
            AssociationAbortedException.Kind.A_P_ABORT, -1, TransportIntegrityException.PROVIDER_REASON,
            "record tag check failed", null);

    @Test
    void theAbortItself_andUnderWrappers() {
        assertSame(ABORT, AssociationAbortedException.in(ABORT).orElseThrow());
        IOException storage = new IOException("C-STORE of 1.2.3 failed", new UncheckedIOException(
                new IOException("sending", ABORT)));
        assertSame(ABORT, AssociationAbortedException.in(storage).orElseThrow());
        assertEquals(TransportIntegrityException.PROVIDER_REASON,
                AssociationAbortedException.in(storage).orElseThrow().reason());
    }

    @Test
    void noAbort_orNoFailure_isEmpty() {
        assertEquals(Optional.empty(), AssociationAbortedException.in(new IOException("connection refused")));
        assertEquals(Optional.empty(), AssociationAbortedException.in(null));
    }

    @Test
    void aLoopingCauseChain_ends() {
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.initCause(b);
        assertEquals(Optional.empty(), AssociationAbortedException.in(a));
    }
}
