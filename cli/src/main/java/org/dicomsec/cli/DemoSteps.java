package org.dicomsec.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.SampleDatasets;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.iscl.IsclTransportProvider;
import org.dicomsec.storage.AfterCommitment;
import org.dicomsec.storage.Authorization;
import org.dicomsec.storage.Authorizer;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.OriginalCreator;
import org.dicomsec.storage.SendIntent;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.audit.AuditCode;
import org.dicomsec.storage.audit.AuditMessage;
import org.dicomsec.storage.net.RemoteAe;
import org.dicomsec.storage.net.TransferResult;
import org.dicomsec.storage.node.StorageNode;
import org.dicomsec.storage.store.Provenance;
import org.dicomsec.storage.store.StoredInstance;
import org.dicomsec.ul.AssociationAbortedException;
import org.dicomsec.ul.net.ConnectionReport;
import org.dicomsec.ul.net.ConnectionTap;
import org.dicomsec.ul.net.TamperRelay;
import org.dicomsec.ul.transport.TransportIntegrityException;

/**
 * The seven steps of {@code dicomsec demo}, each checked against PS3.15 A.1.1:
 * <ol>
 * <li>create: MODALITY makes an original of a generated image (rule a): OR;</li>
 * <li>authorize: an authorized entity certifies it (rule b): AO, same UID;</li>
 * <li>transfer: the original goes to ARCHIVE over TLS, Storage Commitment confirms it (rule d):
 *     ARCHIVE holds AO, MODALITY's copy turns AC (d.5.c);</li>
 * <li>copy: an authorized copy goes to WORKSTATION over ISCL (rule e): arrives AC;</li>
 * <li>unsecured: a copy goes to VIEWER over plain TCP (rule f): sent and stored NS;</li>
 * <li>tamper: the authorized copy goes to WORKSTATION over ISCL again, through {@link TamperRelay},
 *     which alters one byte of one record: A-P-ABORT with provider reason 0x80 on both sides,
 *     nothing stored (e.4);</li>
 * <li>duplicate: MODALITY2 makes another original of the first instance (same SOP Instance UID) and
 *     offers it to ARCHIVE, which refuses it (rule c).</li>
 * </ol>
 * A step never throws: whatever goes wrong is a failed step naming the problem.
 */
final class DemoSteps {

    static final String AUTHORIZER = "Dr. Demo Radiologist";
    static final String EQUIPMENT_CERTIFICATION = "DEMO-EQ-0001";
    /** The generated image: a CT of 1024 x 1024 16-bit pixels (2 MiB of pixel data). */
    static final int IMAGE_SIZE = 1024;
    /** The relay alters the first data record that starts after this many bytes of data records. */
    static final long TAMPER_AFTER = 1 << 20;
    /** How long the receiver may take to audit the abort after the sender saw it. */
    private static final Duration RECEIVER_WAIT = Duration.ofSeconds(5);

    /** A step: its name, the rule it shows, and what it does and checks. */
    private record Step(String name, String rule, Action action) {
    }

    @FunctionalInterface
    private interface Action {
        void run(Check c) throws Exception;
    }

    private final DemoNodes nodes;
    private final boolean tamper;
    private Dataset source;
    private String uid;

    /**
     * @param tamper false disables the relay's alteration (package-private hook: the demo must then
     *               report step 6 as failed, which shows that it checks rather than asserts)
     */
    DemoSteps(DemoNodes nodes, boolean tamper) {
        this.nodes = nodes;
        this.tamper = tamper;
    }

    /** Runs every step in order, handing each to {@code each} as soon as it is done. */
    List<DemoStep> run(Consumer<DemoStep> each) {
        List<Step> steps = List.of(new Step("create", "a", this::create), new Step("authorize", "b", this::authorize),
                new Step("transfer", "d", this::transfer), new Step("copy", "e", this::copy),
                new Step("unsecured", "f", this::unsecured), new Step("tamper", "e.4", this::tamper),
                new Step("duplicate", "c", this::duplicate));
        List<DemoStep> done = new ArrayList<>();
        for (Step s : steps) {
            DemoStep d = run(done.size() + 1, s);
            done.add(d);
            each.accept(d);
        }
        return done;
    }

    private DemoStep run(int n, Step step) {
        Check c = new Check(n, step.name(), step.rule());
        long t0 = System.nanoTime();
        try {
            if (n > 1 && uid == null) {
                c.fail("needs the original of step 1");
            } else {
                c.on(uid);
                step.action().run(c);
            }
        } catch (Exception e) {
            c.fail("unexpected " + e.getClass().getSimpleName() + ": " + Main.describe(e));
        } catch (AssertionError e) {
            c.fail("unexpected " + e);
        }
        return c.done((System.nanoTime() - t0) / 1_000_000);
    }

    // ------------------------------------------------------------------ steps

    private void create(Check c) throws Exception {
        source = SampleDatasets.ctImage(IMAGE_SIZE, IMAGE_SIZE);
        StorageNode modality = nodes.modality.node();
        Dataset or = OriginalCreator.createOriginal(source, Certification.now(EQUIPMENT_CERTIFICATION), now());
        modality.store().store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        uid = or.getString(Tag.SOPInstanceUID);
        c.on(uid);
        c.status(modality, SopInstanceStatus.OR);
        Dataset stored = modality.store().read(uid).dataset();
        c.expect(stored.contains(0x01000420) && stored.contains(0x01000426),
                "(0100,0420) and (0100,0426) missing from the original");
        c.expect(stored.contains(0x00091001)
                        && SampleDatasets.CT_PATIENT_NAME.equals(stored.getString(Tag.PatientName)),
                "private block or patient name not stored");
        c.detail(String.format(Locale.ROOT, "CT %dx%d 16-bit, %.1f MiB pixel data, patient %s, "
                        + "private block (0009,10xx), UID %s", source.getInt(Tag.Rows, 0),
                source.getInt(Tag.Columns, 0), source.get(Tag.PixelData).length() / 1048576.0,
                source.getString(Tag.PatientName), abbreviate(uid)));
    }

    private void authorize(Check c) throws Exception {
        StorageNode modality = nodes.modality.node();
        Certification cert = new Certification(EQUIPMENT_CERTIFICATION, now(),
                "certified for diagnostic use (dicomsec demo)");
        StoredInstance si = modality.store().authorize(uid, new Authorization(AUTHORIZER, cert),
                Authorizer.of(Set.of(AUTHORIZER)));
        c.status(modality, SopInstanceStatus.AO);
        c.expect(uid.equals(si.sopInstanceUid())
                        && uid.equals(modality.store().read(uid).dataset().getString(Tag.SOPInstanceUID)),
                "the SOP Instance UID changed");
        c.detail("authorized by \"" + AUTHORIZER + "\", equipment certification " + EQUIPMENT_CERTIFICATION
                + ", SOP Instance UID unchanged");
    }

    private void transfer(Check c) throws Exception {
        nodes.reportsDelivered.clear();
        TransferResult r = send(c, nodes.modality, nodes.archive, SendIntent.TRANSFER_ORIGINAL);
        stored(c, r, 'd', null);
        c.expect(r.commitment().map(x -> x.isCommitted(uid)).orElse(false),
                "no Storage Commitment result saying the instance is committed");
        c.expect(r.afterCommitment().stream().anyMatch(o -> o.action().equals(Optional.of(AfterCommitment.SET_AC))),
                "d.5 was not carried out as AO -> AC");
        c.status(nodes.archive.node(), SopInstanceStatus.AO);
        c.status(nodes.modality.node(), SopInstanceStatus.AC);
        c.expect(nodes.reportsDelivered.poll(5, TimeUnit.SECONDS) != null,
                "ARCHIVE did not see its N-EVENT-REPORT acknowledged");
        c.expect(!nodes.archive.node().store().get(uid).map(StoredInstance::awaitingCommitment).orElse(true),
                "ARCHIVE still holds the instance as not forwardable (d.4)");
        c.detail("original transferred; Storage Commitment: committed; MODALITY's copy AO -> AC (d.5.c)");
    }

    private void copy(Check c) throws Exception {
        stored(c, send(c, nodes.modality, nodes.workstation, SendIntent.COPY), 'e', SopInstanceStatus.AC);
        c.status(nodes.workstation.node(), SopInstanceStatus.AC);
        c.status(nodes.modality.node(), SopInstanceStatus.AC);
        c.detail("authorized copy sent as AC (e.3), same SOP Instance UID");
    }

    private void unsecured(Check c) throws Exception {
        stored(c, send(c, nodes.modality, nodes.viewer, SendIntent.COPY), 'f', SopInstanceStatus.NS);
        c.status(nodes.viewer.node(), SopInstanceStatus.NS);
        c.status(nodes.modality.node(), SopInstanceStatus.AC);
        c.expect(!nodes.viewer.tap().last().security().secure(), "the plain listener reported a secure connection");
        c.detail("no Secure Transport Connection: sent as NS (f.1), stored as NS (f.2)");
    }

    /**
     * MODALITY sends its authorized copy (rule e) to WORKSTATION over ISCL again, this time
     * through a {@link TamperRelay} that alters one byte of one ISCL DATA record in the middle of
     * the data set. PS3.15 B.2 and docs/iscl-wire-format.md 8.5: the receiver's tag check fails,
     * the connection is dropped, and both Upper Layers issue A-P-ABORT with the implementation's
     * provider reason ({@link TransportIntegrityException#PROVIDER_REASON}, 0x80: INTEGRITY_FAILURE
     * at the receiver, TRUNCATED at the sender); rule e.4: WORKSTATION keeps nothing of it (its
     * earlier copy stays as it was).
     *
     * <p>Checked on the sender by the {@link AssociationAbortedException} the send ends with, on
     * the receiver by the transport's integrity failure under the association and WORKSTATION's
     * audit record of the aborted C-STORE.
     *
     * <p>ISCL rather than TLS: over TLS the sender's side is not deterministic (when the sender is
     * writing as the receiver drops the connection, its write fails with a reset before it reads
     * the bad_record_mac alert, and its A-P-ABORT then carries reason 0 instead of 0x80).
     */
    private void tamper(Check c) throws Exception {
        DemoNodes.Receiver ws = nodes.workstation;
        Optional<StoredInstance> before = ws.node().store().get(uid);
        nodes.workstationAudit.clear();
        String senderAbort = null;
        String receiverAbort = null;
        try (TamperRelay relay = new TamperRelay(ws.ae().address(), IsclTransportProvider.RECORD_FRAMING,
                TAMPER_AFTER, tamper, nodes.exec)) {
            Optional<AssociationAbortedException> abort = Optional.empty();
            try {
                TransferResult r = send(c, nodes.modality, ws,
                        new RemoteAe(ws.ae().aeTitle(), relay.address(), ws.ae().connector()), SendIntent.COPY);
                c.fail("the copy was sent (C-STORE status " + hex(r.instances().get(0).status())
                        + ") instead of ending in A-P-ABORT");
            } catch (IOException e) {
                abort = AssociationAbortedException.in(e);
                if (abort.isEmpty()) {
                    c.fail("MODALITY's send failed without an A-P-ABORT: " + Main.describe(e));
                }
            }
            if (abort.isPresent()) {
                AssociationAbortedException a = abort.get();
                c.expect(a.kind() == AssociationAbortedException.Kind.A_P_ABORT
                                && a.reason() == TransportIntegrityException.PROVIDER_REASON,
                        "MODALITY saw " + a.kind() + " reason " + hexReason(a.reason()) + ", expected A_P_ABORT "
                                + hexReason(TransportIntegrityException.PROVIDER_REASON));
                senderAbort = a.kind().name().replace('_', '-') + " " + hexReason(a.reason());
            }
            // the receiver audits within moments of the sender's abort; without an abort, a short look
            Optional<AuditMessage> audited = nodes.workstationAudit.await(AuditCode.DATA_INTEGRITY_FAILURE,
                    abort.isPresent() ? RECEIVER_WAIT : Duration.ofMillis(200));
            ConnectionTap.Seen receiver = ws.tap().last();
            IOException transport = receiver == null ? null : receiver.readFailure();
            c.expect(transport instanceof TransportIntegrityException,
                    "WORKSTATION's transport reported no integrity failure"
                            + (transport == null ? "" : " (" + Main.describe(transport) + ")"));
            c.expect(audited.isPresent(), "WORKSTATION audited no integrity failure of the C-STORE");
            if (transport instanceof TransportIntegrityException && audited.isPresent()) {
                receiverAbort = "A-P-ABORT " + hexReason(TransportIntegrityException.PROVIDER_REASON);
            }
            c.expect(relay.flippedRecord() > 0, "the relay altered no record");
            c.status(ws.node(), SopInstanceStatus.AC);
            c.expect(before.equals(ws.node().store().get(uid)), "WORKSTATION's stored copy changed");
            c.status(nodes.modality.node(), SopInstanceStatus.AC);
            c.detail("relay altered 1 byte of ISCL DATA record #" + relay.flippedRecord() + " (of "
                    + relay.dataRecords() + " relayed): MODALITY " + (senderAbort == null ? "no abort" : senderAbort)
                    + ", WORKSTATION " + (receiverAbort == null ? "no abort" : receiverAbort)
                    + "; nothing stored, WORKSTATION's copy unchanged");
        }
    }

    private void duplicate(Check c) throws Exception {
        StorageNode archive = nodes.archive.node();
        StorageNode modality2 = nodes.modality2.node();
        String archived = archive.store().get(uid).map(StoredInstance::digest).orElse("");
        Dataset second = OriginalCreator.createOriginal(source, Certification.now(EQUIPMENT_CERTIFICATION), now());
        modality2.store().store(second, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        TransferResult r = send(c, nodes.modality2, nodes.archive, SendIntent.TRANSFER_ORIGINAL);
        TransferResult.Instance i = r.instances().get(0);
        String comment = i.reason().contains("; peer: ") ? i.reason().substring(i.reason().indexOf("; peer: ") + 8)
                : "";
        c.expect(!i.isSuccess(), "ARCHIVE accepted a second original of an instance it holds as AO");
        c.expect(comment.startsWith("rule c"), "refused for another reason than rule c: " + i.reason());
        c.expect(r.commitment().isEmpty(), "a commitment followed a refused original");
        c.status(archive, SopInstanceStatus.AO);
        c.status(modality2, SopInstanceStatus.OR);
        c.expect(archived.equals(archive.store().get(uid).map(StoredInstance::digest).orElse("-")),
                "ARCHIVE's original changed");
        c.detail("MODALITY2 made another original of " + abbreviate(uid) + " and offered it: ARCHIVE refused it, "
                + "status " + hex(i.status()) + " \"" + comment.replaceFirst("^rule (\\w): \\1: ", "rule $1: ")
                .replaceFirst(";.*$", "") + "\"; ARCHIVE's AO unchanged, nothing to commit");
    }

    // ------------------------------------------------------------------ helpers

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private TransferResult send(Check c, DemoNodes.Sender from, DemoNodes.Receiver to, SendIntent intent)
            throws Exception {
        return send(c, from, to, to.ae(), intent);
    }

    /** One send of the step's instance to {@code to}, reached at {@code via}, its connection observed at both ends. */
    private TransferResult send(Check c, DemoNodes.Sender from, DemoNodes.Receiver to, RemoteAe via,
                                SendIntent intent) throws Exception {
        nodes.senderTap.reset();
        to.tap().reset();
        long t0 = System.nanoTime();
        try {
            return from.scu().send(via, List.of(uid), intent);
        } finally {
            c.link(ConnectionReport.of(from.node().aeTitle(), nodes.senderTap.last(), to.node().aeTitle(),
                    to.tap().last(), (System.nanoTime() - t0) / 1e6));
        }
    }

    /**
     * Expects the one instance of {@code r} stored, sent under {@code rule} and (unless null) with
     * {@code sentAs}.
     */
    private static void stored(Check c, TransferResult r, char rule, SopInstanceStatus sentAs) {
        TransferResult.Instance i = r.instances().get(0);
        c.expect(i.isSuccess(), "C-STORE status " + hex(i.status()) + ": " + i.reason());
        if (sentAs == null) {
            c.expect(i.rule() == rule, "sent under rule " + i.rule() + ", not " + rule);
        } else {
            c.expect(i.rule() == rule && i.statusSent().equals(Optional.of(sentAs)),
                    "sent as " + i.statusSent().map(Enum::name).orElse("no status") + " under rule " + i.rule());
        }
    }

    static String hex(int status) {
        return String.format("%04XH", status);
    }

    static String hexReason(int reason) {
        return String.format("0x%02X", reason);
    }

    static String abbreviate(String uid) {
        return uid.length() <= 20 ? uid : uid.substring(0, 12) + "..." + uid.substring(uid.length() - 6);
    }

    /** The checks and findings of one step. */
    static final class Check {
        private final int number;
        private final String name;
        private final String rule;
        private final Map<String, String> statuses = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private ConnectionReport link;
        private String detail = "";
        private String sopInstanceUid;

        Check(int number, String name, String rule) {
            this.number = number;
            this.name = name;
            this.rule = rule;
        }

        void expect(boolean condition, String problem) {
            if (!condition) {
                problems.add(problem);
            }
        }

        void fail(String problem) {
            problems.add(problem);
        }

        void link(ConnectionReport l) {
            this.link = l;
        }

        void detail(String d) {
            this.detail = d;
        }

        /** Records what {@code node} holds of the step's instance and expects {@code expected} (null: nothing). */
        void status(StorageNode node, SopInstanceStatus expected) {
            Optional<StoredInstance> si = sopInstanceUid == null ? Optional.empty()
                    : node.store().get(sopInstanceUid);
            String held = si.map(s -> s.status().map(Enum::name).orElse("none")).orElse("-");
            statuses.put(node.aeTitle(), held);
            String want = expected == null ? "-" : expected.name();
            expect(want.equals(held), node.aeTitle() + " holds " + held + ", expected " + want);
        }

        /** The SOP Instance the step's statuses are about. */
        void on(String uid) {
            this.sopInstanceUid = uid;
        }

        DemoStep done(long millis) {
            return new DemoStep(number, name, problems.isEmpty(), rule, statuses, Optional.ofNullable(link),
                    detail, problems, millis);
        }
    }
}
