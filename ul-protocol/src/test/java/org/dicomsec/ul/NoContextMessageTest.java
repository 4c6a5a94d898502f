package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a DIMSE call on a SOP class the peer did not accept says: the class and syntax by name. */
class NoContextMessageTest {

    @Test
    void namesTheClassAndTheSyntax() {
        assertEquals("no accepted context for 1.2.840.10008.5.1.4.1.1.481.5 (RT Plan Storage) in "
                + "1.2.840.10008.1.2.4.50 (JPEG Baseline (Process 1))",
                Association.noContext("1.2.840.10008.5.1.4.1.1.481.5", "1.2.840.10008.1.2.4.50").getMessage());
        assertEquals("no accepted context for 1.2.840.10008.1.20.1 (Storage Commitment Push Model SOP Class)",
                Association.noContext("1.2.840.10008.1.20.1", null).getMessage());
    }

    @Test
    void aPrivateClassByItsUid() {
        assertEquals("no accepted context for 1.3.6.1.4.1.5962.301.1 in 1.2.840.10008.1.2.1 (Explicit VR Little Endian)",
                Association.noContext("1.3.6.1.4.1.5962.301.1", "1.2.840.10008.1.2.1").getMessage());
    }
}
