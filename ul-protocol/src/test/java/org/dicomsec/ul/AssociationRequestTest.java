package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.dicomsec.data.UID;
import org.dicomsec.ul.pdu.PresentationContextRqItem;
import org.junit.jupiter.api.Test;

/** The contexts an A-ASSOCIATE-RQ proposes for files sent as they are (PS3.8 9.3.2.2). */
class AssociationRequestTest {

    private static DicomFiles.Info file(String sopClass, String ts) {
        return new DicomFiles.Info(sopClass, "2.25.1", ts, 132, 1000);
    }

    private static List<String> proposed(AssociationRequest rq) {
        List<String> l = new ArrayList<>();
        for (PresentationContextRqItem pc : rq.toPdu().presentationContexts()) {
            l.add(pc.id() + " " + pc.abstractSyntax().name() + " "
                    + pc.transferSyntaxes().stream().map(t -> t.name()).toList());
        }
        return l;
    }

    @Test
    void oneContextPerSopClassAndTransferSyntaxInTheOrderMet() {
        AssociationRequest rq = AssociationRequest.builder("SCP", "SCU")
                .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian)
                .presentationContextsFor(List.of(file(UID.CTImageStorage, UID.ExplicitVRLittleEndian),
                        file(UID.MRImageStorage, UID.JPEGLossless), file(UID.CTImageStorage, UID.ExplicitVRLittleEndian),
                        file(UID.CTImageStorage, UID.ImplicitVRLittleEndian)))
                .build();
        assertEquals(List.of("1 " + UID.Verification + " [" + UID.ImplicitVRLittleEndian + "]",
                "3 " + UID.CTImageStorage + " [" + UID.ExplicitVRLittleEndian + "]",
                "5 " + UID.MRImageStorage + " [" + UID.JPEGLossless + "]",
                "7 " + UID.CTImageStorage + " [" + UID.ImplicitVRLittleEndian + "]"), proposed(rq));
    }

    @Test
    void moreCombinationsThanContextsLeftAreRefusedBeforeAnyIsProposed() {
        List<DicomFiles.Info> files = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            files.add(file("1.2.3." + i, UID.ExplicitVRLittleEndian));
        }
        assertEquals(128, AssociationRequest.builder("SCP", "SCU").presentationContextsFor(files).build().toPdu()
                .presentationContexts().size());
        AssociationRequest.Builder b = AssociationRequest.builder("SCP", "SCU")
                .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.presentationContextsFor(files));
        assertEquals("128 combinations of SOP class and transfer syntax: more than the 127 presentation contexts one"
                + " association can propose", e.getMessage());
        assertEquals(1, b.build().toPdu().presentationContexts().size());
    }
}
