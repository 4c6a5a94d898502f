package org.dicomsec.storage.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.PrivacyMechanism;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.SoftwareKeyCard;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.OriginalCreator;
import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.TestData;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.FileAuditTrail;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.Provenance;
import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.tls.KeyMaterial;
import org.dicomsec.tls.TlsConfig;

/** Two nodes, STORE_A (sender) and STORE_B (receiver), with stores, audit files and transports. */
final class NetworkFixture implements AutoCloseable {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final String ISCL_A = "NODE-A";
    static final String ISCL_B = "NODE-B";

    /** One PKI for the test run: RSA key generation is the slow part. */
    static final class Pki {
        final DemoPki pki;
        final KeyMaterial nodeA;
        final KeyMaterial nodeB;
        final KeyMaterial noPolicy;

        Pki() throws Exception {
            pki = DemoPki.generate();
            nodeA = ProfileCertificates.node(pki, "store-a", ProfileCertificates.PROFILE_POLICY);
            nodeB = ProfileCertificates.node(pki, "store-b", ProfileCertificates.PROFILE_POLICY);
            noPolicy = ProfileCertificates.node(pki, "no-policy", null);
        }

        TlsConfig tls(KeyMaterial km) {
            return TlsConfig.builder().keyMaterial(km).trustAnchors(List.of(pki.ca().certificate())).build();
        }
    }

    final Path dir;
    final InstanceStore storeA;
    final InstanceStore storeB;
    final FileAuditTrail auditA;
    final FileAuditTrail auditB;
    final AuditEvents eventsA = new AuditEvents("STORE_A", "127.0.0.1", "store-a", Clock.systemUTC());
    final AuditEvents eventsB = new AuditEvents("STORE_B", "127.0.0.1", "store-b", Clock.systemUTC());
    final TransactionJournal journalA;
    final ExecutorService exec = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "storage-net-test");
        t.setDaemon(true);
        return t;
    });

    NetworkFixture(Path dir) throws IOException {
        this.dir = dir;
        storeA = InstanceStore.open(dir.resolve("a"));
        storeB = InstanceStore.open(dir.resolve("b"));
        auditA = new FileAuditTrail(dir.resolve("a-audit.log"));
        auditB = new FileAuditTrail(dir.resolve("b-audit.log"));
        journalA = TransactionJournal.open(dir.resolve("a-journal"));
    }

    static PeerPolicy policy() {
        return PeerPolicy.builder().certificatePolicy(ProfileCertificates.PROFILE_POLICY).build();
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(LOOPBACK, port);
    }

    /** A new original (rule a) of a CT image with {@code pixelBytes} of random pixel data. */
    static Dataset original(int pixelBytes) throws Exception {
        Dataset ds = TestData.ctImage(TestData.newUid());
        byte[] px = new byte[pixelBytes];
        ThreadLocalRandom.current().nextBytes(px);
        ds.setBytes(Tag.PixelData, VR.OW, px);
        return OriginalCreator.createOriginal(ds, Certification.now("EQ-CERT-1"), null);
    }

    /** Stores a new original at A and returns its SOP Instance UID. */
    String originalAtA(int pixelBytes) throws Exception {
        Dataset or = original(pixelBytes);
        storeA.store(or, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        return or.getString(Tag.SOPInstanceUID);
    }

    OnlineStorageScu.Builder scu() {
        return OnlineStorageScu.builder(storeA, "STORE_A", auditA, exec, journalA).auditEvents(eventsA)
                .peerPolicy(policy());
    }

    /** ISCL configs: A's keyring says B supports the profile and B's says A does (unless told otherwise). */
    static IsclConfig[] iscl(boolean aConforms, boolean privacy) {
        IsclKeyring ringA = IsclKeyring.create();
        IsclKeyring ringB = IsclKeyring.create();
        ringA.putGenerated(ISCL_A, ISCL_B, Map.of(PeerPolicy.ISCL_PROFILE_ATTRIBUTE, "true"));
        ringA.mirrorInto(ringB, ISCL_A, ISCL_B,
                aConforms ? Map.of(PeerPolicy.ISCL_PROFILE_ATTRIBUTE, "true") : Map.of());
        PrivacyMechanism[] p = privacy ? new PrivacyMechanism[] {PrivacyMechanism.DES_CBC}
                : new PrivacyMechanism[] {PrivacyMechanism.NONE};
        return new IsclConfig[] {
            IsclConfig.builder(new SoftwareKeyCard(ringA), ISCL_A).privacy(p).build(),
            IsclConfig.builder(new SoftwareKeyCard(ringB), ISCL_B).privacy(p).build()};
    }

    @Override
    public void close() throws IOException {
        exec.shutdownNow();
        auditA.close();
        auditB.close();
    }
}
