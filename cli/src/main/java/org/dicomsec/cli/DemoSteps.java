package org.dicomsec.cli;

import org.dicomsec.ul.net.TamperRelay;
import org.dicomsec.ul.net.ConnectionTap;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.storage.AfterCommitment;
import org.dicomsec.storage.Authorization;
import org.dicomsec.storage.Authorizer;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.OriginalCreator;
import org.dicomsec.storage.SendIntent;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.net.RemoteAe;
import org.dicomsec.storage.net.TransferResult;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.Provenance;
import org.dicomsec.storage.store.StoredInstance;

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
    /** The relay alters the first data record that starts after this many bytes of data records. */
    static final long TAMPER_AFTER = 1 << 20;

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
        List<DemoStep> done = new ArrayList<>();
        for (int n = 1; n <= 7; n++) {
            DemoStep s = step(n);
            done.add(s);
            each.accept(s);
        }
        return done;
    }

    private DemoStep step(int n) {
        String[] names = {"", "create", "authorize", "transfer", "copy", "unsecured", "tamper", "duplicate"};
        String[] rules = {"", "a", "b", "d", "e", "f", "e.4", "c"};
        Check c = new Check(n, names[n], rules[n]);
        long t0 = System.nanoTime();
        try {
            if (n > 1 && uid == null) {
                c.fail("needs the original of step 1");
            } else {
                c.on(uid);
                switch (n) {
                    case 1 -> create(c);
                    case 2 -> authorize(c);
                    case 3 -> transfer(c);
                    case 4 -> copy(c);
                    case 5 -> unsecured(c);
                    case 6 -> tamper(c);
                    default -> duplicate(c);
                }
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
        source = DemoSample.image();
        Certification cert = new Certification(EQUIPMENT_CERTIFICATION, OffsetDateTime.now(ZoneOffset.UTC), null);
        Dataset or = OriginalCreator.createOriginal(source, cert, OffsetDateTime.now(ZoneOffset.UTC));
        nodes.modality.store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        uid = or.getString(Tag.SOPInstanceUID);
        c.on(uid);
        c.status(DemoNodes.MODALITY, nodes.modality, SopInstanceStatus.OR);
        Dataset stored = nodes.modality.read(uid).dataset();
        c.expect(stored.contains(0x01000420) && stored.contains(0x01000426),
                "(0100,0420) and (0100,0426) missing from the original");
        c.expect(stored.contains(0x00091001) && DemoSample.PATIENT.equals(stored.getString(Tag.PatientName)),
                "private block or patient name not stored");
        c.detail(String.format(java.util.Locale.ROOT, "CT %dx%d 16-bit, %.1f MiB pixel data, patient %s, "
                        + "private block (0009,10xx), UID %s", DemoSample.ROWS, DemoSample.COLUMNS,
                DemoSample.pixelBytes() / 1048576.0, DemoSample.PATIENT, abbreviate(uid)));
    }

    private void authorize(Check c) throws Exception {
        Certification cert = new Certification(EQUIPMENT_CERTIFICATION, OffsetDateTime.now(ZoneOffset.UTC),
                "certified for diagnostic use (dicomsec demo)");
        StoredInstance si = nodes.modality.authorize(uid, new Authorization(AUTHORIZER, cert),
                Authorizer.of(Set.of(AUTHORIZER)));
        c.status(DemoNodes.MODALITY, nodes.modality, SopInstanceStatus.AO);
        c.expect(uid.equals(si.sopInstanceUid()) && uid.equals(nodes.modality.read(uid).dataset()
                .getString(Tag.SOPInstanceUID)), "the SOP Instance UID changed");
        c.detail("authorized by \"" + AUTHORIZER + "\", equipment certification " + EQUIPMENT_CERTIFICATION
                + ", SOP Instance UID unchanged");
    }

    private void transfer(Check c) throws Exception {
        nodes.reportsDelivered.clear();
        TransferResult r = send(c, nodes.scu, nodes.archiveAe, nodes.archiveTap, uid, SendIntent.TRANSFER_ORIGINAL);
        TransferResult.Instance i = r.instances().get(0);
        c.expect(i.isSuccess(), "C-STORE status " + hex(i.status()) + ": " + i.reason());
        c.expect(i.rule() == 'd', "sent under rule " + i.rule() + ", not d");
        c.expect(r.commitment().map(x -> x.isCommitted(uid)).orElse(false),
                "no Storage Commitment result saying the instance is committed");
        c.expect(r.afterCommitment().stream().anyMatch(o -> o.action().equals(Optional.of(AfterCommitment.SET_AC))),
                "d.5 was not carried out as AO -> AC");
        c.status(DemoNodes.ARCHIVE, nodes.archive, SopInstanceStatus.AO);
        c.status(DemoNodes.MODALITY, nodes.modality, SopInstanceStatus.AC);
        c.expect(nodes.reportsDelivered.poll(5, TimeUnit.SECONDS) != null,
                "ARCHIVE did not see its N-EVENT-REPORT acknowledged");
        c.expect(!nodes.archive.get(uid).map(StoredInstance::awaitingCommitment).orElse(true),
                "ARCHIVE still holds the instance as not forwardable (d.4)");
        c.detail("original transferred; Storage Commitment: committed; MODALITY's copy AO -> AC (d.5.c)");
    }

    private void copy(Check c) throws Exception {
        TransferResult r = send(c, nodes.scu, nodes.workstationAe, nodes.workstationTap, uid, SendIntent.COPY);
        TransferResult.Instance i = r.instances().get(0);
        c.expect(i.isSuccess(), "C-STORE status " + hex(i.status()) + ": " + i.reason());
        c.expect(i.rule() == 'e' && i.statusSent().equals(Optional.of(SopInstanceStatus.AC)),
                "sent as " + i.statusSent().map(Enum::name).orElse("no status") + " under rule " + i.rule());
        c.status(DemoNodes.WORKSTATION, nodes.workstation, SopInstanceStatus.AC);
        c.status(DemoNodes.MODALITY, nodes.modality, SopInstanceStatus.AC);
        c.detail("authorized copy sent as AC (e.3), same SOP Instance UID");
    }

    private void unsecured(Check c) throws Exception {
        TransferResult r = send(c, nodes.scu, nodes.viewerAe, nodes.viewerTap, uid, SendIntent.COPY);
        TransferResult.Instance i = r.instances().get(0);
        c.expect(i.isSuccess(), "C-STORE status " + hex(i.status()) + ": " + i.reason());
        c.expect(i.rule() == 'f' && i.statusSent().equals(Optional.of(SopInstanceStatus.NS)),
                "sent as " + i.statusSent().map(Enum::name).orElse("no status") + " under rule " + i.rule());
        c.status(DemoNodes.VIEWER, nodes.viewer, SopInstanceStatus.NS);
        c.status(DemoNodes.MODALITY, nodes.modality, SopInstanceStatus.AC);
        c.expect(!nodes.viewerTap.last().security().secure(), "the plain listener reported a secure connection");
        c.detail("no Secure Transport Connection: sent as NS (f.1), stored as NS (f.2)");
    }

    private void tamper(Check c) throws Exception {
        new DemoTamper(nodes, tamper).run(c, uid);
    }

    private void duplicate(Check c) throws Exception {
        String archived = nodes.archive.get(uid).map(StoredInstance::digest).orElse("");
        Certification cert = new Certification(EQUIPMENT_CERTIFICATION, OffsetDateTime.now(ZoneOffset.UTC), null);
        Dataset second = OriginalCreator.createOriginal(source, cert, OffsetDateTime.now(ZoneOffset.UTC));
        nodes.modality2.store(second, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        TransferResult r = send(c, nodes.scu2, nodes.archiveAe, nodes.archiveTap, uid, SendIntent.TRANSFER_ORIGINAL);
        TransferResult.Instance i = r.instances().get(0);
        String comment = i.reason().contains("; peer: ") ? i.reason().substring(i.reason().indexOf("; peer: ") + 8)
                : "";
        c.expect(!i.isSuccess(), "ARCHIVE accepted a second original of an instance it holds as AO");
        c.expect(comment.startsWith("rule c"), "refused for another reason than rule c: " + i.reason());
        c.expect(r.commitment().isEmpty(), "a commitment followed a refused original");
        c.status(DemoNodes.ARCHIVE, nodes.archive, SopInstanceStatus.AO);
        c.status(DemoNodes.MODALITY2, nodes.modality2, SopInstanceStatus.OR);
        c.expect(archived.equals(nodes.archive.get(uid).map(StoredInstance::digest).orElse("-")),
                "ARCHIVE's original changed");
        c.detail("MODALITY2 made another original of " + abbreviate(uid) + " and offered it: ARCHIVE refused it, "
                + "status " + hex(i.status()) + " \"" + comment.replaceFirst("^rule (\\w): \\1: ", "rule $1: ")
                .replaceFirst(";.*$", "") + "\"; ARCHIVE's AO unchanged, nothing to commit");
    }

    // ------------------------------------------------------------------ helpers

    /** One send with its connection observed on both sides. */
    private TransferResult send(Check c, org.dicomsec.storage.net.OnlineStorageScu scu, RemoteAe to,
                                ConnectionTap receiverTap, String sopInstanceUid, SendIntent intent) throws Exception {
        nodes.senderTap.reset();
        receiverTap.reset();
        long t0 = System.nanoTime();
        TransferResult r = scu.send(to, List.of(sopInstanceUid), intent);
        double ms = (System.nanoTime() - t0) / 1e6;
        c.link(link(scu == nodes.scu ? DemoNodes.MODALITY : DemoNodes.MODALITY2, nodes.senderTap.last(),
                to.aeTitle(), receiverTap.last(), ms));
        return r;
    }

    static DemoStep.Link link(String sender, ConnectionTap.Seen senderSide, String receiver, ConnectionTap.Seen receiverSide,
                              double millis) {
        if (senderSide == null) {
            return new DemoStep.Link("no connection", receiver, "-", sender, "-", -1, -1, 0, millis, 0);
        }
        return new DemoStep.Link(senderSide.security().summary(), receiver,
                senderSide.peer().shortName(), sender,
                receiverSide == null ? "?" : receiverSide.peer().shortName(),
                senderSide.peerMaxPdu().orElse(-1), receiverSide == null ? -1 : receiverSide.peerMaxPdu().orElse(-1),
                senderSide.bytesOut(), millis, receiverSide == null ? 0 : receiverSide.bulkReadRate());
    }

    static String hex(int status) {
        return String.format("%04XH", status);
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
        private DemoStep.Link link;
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

        void link(DemoStep.Link l) {
            this.link = l;
        }

        void detail(String d) {
            this.detail = d;
        }

        /** Records what {@code node} holds of the step's instance and expects {@code expected} (null: nothing). */
        void status(String node, InstanceStore store, SopInstanceStatus expected) {
            Optional<StoredInstance> si = sopInstanceUid == null ? Optional.empty() : store.get(sopInstanceUid);
            String held = si.map(s -> s.status().map(Enum::name).orElse("none")).orElse("-");
            statuses.put(node, held);
            String want = expected == null ? "-" : expected.name();
            expect(want.equals(held), node + " holds " + held + ", expected " + want);
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
