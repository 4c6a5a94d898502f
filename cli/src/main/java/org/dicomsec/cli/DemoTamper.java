package org.dicomsec.cli;

import org.dicomsec.iscl.IsclTransportProvider;
import org.dicomsec.ul.net.TamperRelay;
import org.dicomsec.ul.net.ConnectionTap;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.dicomsec.storage.SendIntent;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.net.RemoteAe;
import org.dicomsec.storage.net.TransferResult;
import org.dicomsec.storage.store.StoredInstance;
import org.dicomsec.ul.AssociationAbortedException;
import org.dicomsec.ul.transport.TransportIntegrityException;

/**
 * Step 6 of the demo: MODALITY sends its authorized copy (rule e) to
 * WORKSTATION over ISCL again, this time through a {@link TamperRelay} that
 * alters one byte of one ISCL DATA record in the middle of the data set.
 * PS3.15 B.2 and docs/iscl-wire-format.md 8.5: the receiver's tag check fails,
 * the connection is dropped, and both Upper Layers issue A-P-ABORT with the
 * implementation's provider reason ({@link TransportIntegrityException#PROVIDER_REASON},
 * 0x80: INTEGRITY_FAILURE at the receiver, TRUNCATED at the sender); rule e.4:
 * WORKSTATION keeps nothing of it (its earlier copy stays as it was).
 *
 * <p>Checked on the sender by the {@link AssociationAbortedException} the send
 * ends with, on the receiver by the transport's integrity failure under the
 * association and WORKSTATION's audit record of the aborted C-STORE.
 *
 * <p>ISCL rather than TLS: over TLS the sender's side is not deterministic
 * (when the sender is writing as the receiver drops the connection, its write
 * fails with a reset before it reads the bad_record_mac alert, and its A-P-ABORT
 * then carries reason 0 instead of 0x80).
 */
final class DemoTamper {

    /** How long the receiver may take to audit the abort after the sender saw it. */
    private static final long RECEIVER_WAIT_MILLIS = 5_000;

    private final DemoNodes nodes;
    private final boolean flip;

    DemoTamper(DemoNodes nodes, boolean flip) {
        this.nodes = nodes;
        this.flip = flip;
    }

    void run(DemoSteps.Check c, String uid) throws Exception {
        Optional<StoredInstance> before = nodes.workstation.get(uid);
        nodes.workstationAudit.clear();
        nodes.senderTap.reset();
        nodes.workstationTap.reset();
        String senderAbort = null;
        String receiverAbort = null;
        try (TamperRelay relay = new TamperRelay(nodes.workstationAe.address(), IsclTransportProvider.RECORD_FRAMING,
                DemoSteps.TAMPER_AFTER, flip, nodes.exec)) {
            RemoteAe viaRelay = new RemoteAe(DemoNodes.WORKSTATION, relay.address(),
                    nodes.workstationAe.connector());
            long t0 = System.nanoTime();
            Optional<AssociationAbortedException> abort = Optional.empty();
            try {
                TransferResult r = nodes.scu.send(viaRelay, List.of(uid), SendIntent.COPY);
                c.fail("the copy was sent (C-STORE status " + DemoSteps.hex(r.instances().get(0).status())
                        + ") instead of ending in A-P-ABORT");
            } catch (IOException e) {
                abort = abortIn(e);
                if (abort.isEmpty()) {
                    c.fail("MODALITY's send failed without an A-P-ABORT: " + Main.describe(e));
                }
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            c.link(DemoSteps.link(DemoNodes.MODALITY, nodes.senderTap.last(), DemoNodes.WORKSTATION,
                    nodes.workstationTap.last(), ms));
            if (abort.isPresent()) {
                AssociationAbortedException a = abort.get();
                c.expect(a.kind() == AssociationAbortedException.Kind.A_P_ABORT
                                && a.reason() == TransportIntegrityException.PROVIDER_REASON,
                        "MODALITY saw " + a.kind() + " reason " + hexReason(a.reason()) + ", expected A_P_ABORT "
                                + hexReason(TransportIntegrityException.PROVIDER_REASON));
                senderAbort = a.kind().name().replace('_', '-') + " " + hexReason(a.reason());
            }
            // the receiver audits within moments of the sender's abort; without an abort, a short look
            Optional<String> audited = nodes.workstationAudit.awaitIntegrityFailure(abort.isPresent()
                    ? RECEIVER_WAIT_MILLIS : 200);
            ConnectionTap.Seen receiver = nodes.workstationTap.last();
            IOException transport = receiver == null ? null : receiver.readFailure();
            c.expect(transport instanceof TransportIntegrityException,
                    "WORKSTATION's transport reported no integrity failure"
                            + (transport == null ? "" : " (" + Main.describe(transport) + ")"));
            c.expect(audited.isPresent(), "WORKSTATION audited no integrity failure of the C-STORE");
            if (transport instanceof TransportIntegrityException && audited.isPresent()) {
                receiverAbort = "A-P-ABORT " + hexReason(TransportIntegrityException.PROVIDER_REASON);
            }
            c.expect(relay.flippedRecord() > 0, "the relay altered no record");
            c.status(DemoNodes.WORKSTATION, nodes.workstation, SopInstanceStatus.AC);
            c.expect(before.equals(nodes.workstation.get(uid)), "WORKSTATION's stored copy changed");
            c.status(DemoNodes.MODALITY, nodes.modality, SopInstanceStatus.AC);
            c.detail("relay altered 1 byte of ISCL DATA record #" + relay.flippedRecord() + " (of "
                    + relay.dataRecords() + " relayed): MODALITY " + (senderAbort == null ? "no abort" : senderAbort)
                    + ", WORKSTATION " + (receiverAbort == null ? "no abort" : receiverAbort)
                    + "; nothing stored, WORKSTATION's copy unchanged");
        }
    }

    static String hexReason(int reason) {
        return String.format("0x%02X", reason);
    }

    /** The abort indication in the cause chain of a failed send. */
    private static Optional<AssociationAbortedException> abortIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AssociationAbortedException a) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
