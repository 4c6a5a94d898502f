package org.dicomsec.cli;

import org.dicomsec.ul.net.ConnectionTap;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dicomsec.iscl.Iscl;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.SoftwareKeyCard;
import org.dicomsec.storage.AfterCommitment;
import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TransferRules;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.AuditTrail;
import org.dicomsec.storage.audit.FileAuditTrail;
import org.dicomsec.storage.commitment.CommitmentResult;
import org.dicomsec.storage.net.OnlineStorageScp;
import org.dicomsec.storage.net.OnlineStorageScu;
import org.dicomsec.storage.net.RemoteAe;
import org.dicomsec.storage.net.TransactionJournal;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.tls.KeyMaterial;
import org.dicomsec.tls.TlsConfig;
import org.dicomsec.tls.TlsProfile;
import org.dicomsec.tls.TlsTransport;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.transport.PlainTcp;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnector;

/**
 * Everything {@code dicomsec demo} runs on, in one folder: a demo PKI, an ISCL
 * keyring pair, the instance stores, audit logs and journals, and on loopback
 * the Online Electronic Storage SCP with its three listeners, each its own AE
 * with its own store (rule c forbids the holder of an original to take in a
 * copy of it, so the copies of steps 4 and 5 go to other AEs than the archive):
 * <ul>
 * <li>ARCHIVE: TLS, profile bcp195-nd, port 2762 when free;</li>
 * <li>WORKSTATION: ISCL, port 2761 when free;</li>
 * <li>VIEWER: plain TCP, any free port.</li>
 * </ul>
 * The sender is MODALITY (a second sender, MODALITY2, has a store of its own).
 * Peers confirm each other's support of the profile (rules d.2, e.2) by the
 * SHA-256 fingerprints of the demo certificates and by the ISCL keyring flag
 * {@value PeerPolicy#ISCL_PROFILE_ATTRIBUTE}. {@link #close()} stops every
 * listener and thread.
 */
final class DemoNodes implements AutoCloseable {

    static final String MODALITY = "MODALITY";
    static final String MODALITY2 = "MODALITY2";
    static final String ARCHIVE = "ARCHIVE";
    static final String WORKSTATION = "WORKSTATION";
    static final String VIEWER = "VIEWER";
    /** Demo material only: the password of the PKCS#12 files and keyrings, as DemoPki documents it. */
    static final String DEMO_PASSWORD = DemoPki.DEFAULT_PASSWORD;
    /** PBKDF2 iterations of the demo keyrings: the keyring format's minimum (they protect throw-away keys). */
    static final int KEYRING_KDF_ITERATIONS = 10_000;
    static final TlsProfile TLS_PROFILE = TlsProfile.BCP195_ND;
    /** Timeouts short enough that a failing step ends the demo in seconds, never a hang. */
    static final AssociationSettings SETTINGS = AssociationSettings.DEFAULT
            .withMaxPduLength(TlsTransport.RECOMMENDED_MAX_PDU_LENGTH).withConnectTimeoutMillis(5_000)
            .withReadTimeoutMillis(10_000).withDimseTimeoutMillis(10_000).withArtimTimeout(Duration.ofSeconds(5));

    final Path dir;
    final DemoPki pki;
    final InstanceStore modality;
    final InstanceStore modality2;
    final InstanceStore archive;
    final InstanceStore workstation;
    final InstanceStore viewer;
    final DemoAuditWatch archiveAudit = new DemoAuditWatch();
    final DemoAuditWatch workstationAudit = new DemoAuditWatch();
    final ConnectionTap senderTap = new ConnectionTap();
    final ConnectionTap archiveTap = new ConnectionTap();
    final ConnectionTap workstationTap = new ConnectionTap();
    final ConnectionTap viewerTap = new ConnectionTap();
    final java.util.concurrent.BlockingQueue<CommitmentResult> reportsDelivered =
            new java.util.concurrent.LinkedBlockingQueue<>();
    final ExecutorService exec;
    final OnlineStorageScu scu;
    final OnlineStorageScu scu2;
    final TransportConnector tlsConnector;
    final TransportConnector isclConnector;
    final RemoteAe archiveAe;
    final RemoteAe workstationAe;
    final RemoteAe viewerAe;
    final List<String> listeners = new ArrayList<>();
    private final List<AutoCloseable> closeMe = new ArrayList<>();

    /** Sets everything up in {@code dir}; on failure, closes what was started and rethrows. */
    static DemoNodes start(Path dir) throws IOException {
        return new DemoNodes(dir);
    }

    private DemoNodes(Path dir) throws IOException {
        this.dir = dir;
        AtomicInteger n = new AtomicInteger();
        this.exec = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dicomsec-demo-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        boolean ok = false;
        try {
            char[] password = DEMO_PASSWORD.toCharArray();
            pki = DemoPki.generate("dicomsec Demo CA");
            pki.write(dir.resolve("pki"), password);
            KeyMaterial archiveKey = pki.server();
            KeyMaterial modalityKey = pki.client();

            IsclKeyring modalityRing = IsclKeyring.create();
            IsclKeyring workstationRing = IsclKeyring.create();
            Map<String, String> conforms = Map.of(PeerPolicy.ISCL_PROFILE_ATTRIBUTE, "true");
            modalityRing.putGenerated(MODALITY, WORKSTATION, conforms);
            modalityRing.mirrorInto(workstationRing, MODALITY, WORKSTATION, conforms);
            Files.createDirectories(dir.resolve("iscl"));
            modalityRing.save(dir.resolve("iscl/modality.keyring"), password, KEYRING_KDF_ITERATIONS);
            workstationRing.save(dir.resolve("iscl/workstation.keyring"), password, KEYRING_KDF_ITERATIONS);

            modality = InstanceStore.open(dir.resolve("modality/store"));
            modality2 = InstanceStore.open(dir.resolve("modality2/store"));
            archive = InstanceStore.open(dir.resolve("archive/store"));
            workstation = InstanceStore.open(dir.resolve("workstation/store"));
            viewer = InstanceStore.open(dir.resolve("viewer/store"));

            // rules d.2/e.2: each side confirms the other through its authentication
            PeerPolicy senderPolicy = PeerPolicy.builder()
                    .allowFingerprint(PeerPolicy.fingerprint(archiveKey.certificate())).build();
            PeerPolicy receiverPolicy = PeerPolicy.builder()
                    .allowFingerprint(PeerPolicy.fingerprint(modalityKey.certificate())).build();
            TransferRules rules = new TransferRules(SopInstanceStatus.AC, false, AfterCommitment.SET_AC);

            InetAddress lo = InetAddress.getLoopbackAddress();
            // each acceptor is closed by its SCP, and here too in case the SCP is never built
            TransportAcceptor tls = closeLater(bind(TlsTransport.DEFAULT_PORT,
                    p -> TlsTransport.acceptor(tlsConfig(archiveKey), lo, p)));
            IsclConfig wsIscl = IsclConfig.builder(new SoftwareKeyCard(workstationRing), WORKSTATION).build();
            TransportAcceptor iscl = closeLater(bind(Iscl.DEFAULT_PORT, p -> Iscl.acceptor(wsIscl, lo, p)));
            TransportAcceptor plain = closeLater(PlainTcp.acceptor(lo, 0));

            startScp(ARCHIVE, archive, archiveTap.acceptor(tls), archiveAudit, receiverPolicy, rules);
            startScp(WORKSTATION, workstation, workstationTap.acceptor(iscl), workstationAudit, receiverPolicy,
                    rules);
            startScp(VIEWER, viewer, viewerTap.acceptor(plain), null, receiverPolicy, rules);
            listeners.add(ARCHIVE + " tls " + TLS_PROFILE.profileName() + " " + lo.getHostAddress() + ":"
                    + tls.localPort());
            listeners.add(WORKSTATION + " iscl " + lo.getHostAddress() + ":" + iscl.localPort());
            listeners.add(VIEWER + " plain " + lo.getHostAddress() + ":" + plain.localPort());

            tlsConnector = senderTap.connector(TlsTransport.connector(tlsConfig(modalityKey)));
            IsclConfig modIscl = IsclConfig.builder(new SoftwareKeyCard(modalityRing), MODALITY).build();
            isclConnector = senderTap.connector(Iscl.connector(modIscl, WORKSTATION));
            archiveAe = new RemoteAe(ARCHIVE, new InetSocketAddress(lo, tls.localPort()), tlsConnector);
            workstationAe = new RemoteAe(WORKSTATION, new InetSocketAddress(lo, iscl.localPort()), isclConnector);
            viewerAe = new RemoteAe(VIEWER, new InetSocketAddress(lo, plain.localPort()),
                    senderTap.connector(PlainTcp.connector()));

            scu = sender(MODALITY, modality, "modality", senderPolicy, rules);
            scu2 = sender(MODALITY2, modality2, "modality2", senderPolicy, rules);
            writeReadme();
            ok = true;
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        closeMe.add(c);
        return c;
    }

    private interface Binder {
        TransportAcceptor bind(int port) throws IOException;
    }

    /** The registered port when it is free, else any free port. */
    private static TransportAcceptor bind(int preferred, Binder b) throws IOException {
        try {
            return b.bind(preferred);
        } catch (BindException taken) {
            return b.bind(0);
        }
    }

    private TlsConfig tlsConfig(KeyMaterial own) {
        return TlsConfig.builder().profile(TLS_PROFILE).keyMaterial(own)
                .trustAnchors(List.of(pki.ca().certificate())).build();
    }

    private AuditTrail auditFile(String node) throws IOException {
        Files.createDirectories(dir.resolve(node));
        FileAuditTrail f = new FileAuditTrail(dir.resolve(node).resolve("audit.log"));
        closeMe.add(f);
        return f;
    }

    private void startScp(String ae, InstanceStore store, TransportAcceptor acceptor, DemoAuditWatch watch,
                          PeerPolicy policy, TransferRules rules) throws IOException {
        AuditTrail file = auditFile(ae.toLowerCase(java.util.Locale.ROOT));
        OnlineStorageScp scp = OnlineStorageScp.builder(store, ae, acceptor,
                        watch == null ? file : AuditTrail.of(file, watch), exec)
                .auditEvents(new AuditEvents(ae, "127.0.0.1", "dicomsec-demo-" + ae, Clock.systemUTC()))
                .peerPolicy(policy).rules(rules).settings(SETTINGS).workers(2)
                .onReportDelivered(reportsDelivered::add).build();
        closeMe.add(scp);
        scp.start();
    }

    private OnlineStorageScu sender(String ae, InstanceStore store, String node, PeerPolicy policy,
                                    TransferRules rules) throws IOException {
        AuditTrail audit = auditFile(node);
        return OnlineStorageScu.builder(store, ae, audit, exec, TransactionJournal.open(dir.resolve(node)
                        .resolve("journal")))
                .auditEvents(new AuditEvents(ae, "127.0.0.1", "dicomsec-demo-" + ae, Clock.systemUTC()))
                .peerPolicy(policy).rules(rules).settings(SETTINGS).commitmentTimeout(Duration.ofSeconds(10))
                .build();
    }

    private void writeReadme() throws IOException {
        String text = "dicomsec demo folder (throw-away demo material: do not use these keys anywhere else)\n\n"
                + "pki/          demo CA, ARCHIVE = server.*, MODALITY and MODALITY2 = client.* (PEM, PKCS#12)\n"
                + "iscl/         ISCL keyrings of MODALITY and WORKSTATION (dicomsec keys iscl list --password-env VAR F)\n"
                + "<node>/store  instance stores: instances/*.dcm (dicomsec dump F) and index/*.rec\n"
                + "<node>/audit.log  RFC 3881 audit messages, one per line\n"
                + "modality*/journal Storage Commitment transactions still open\n\n"
                + "PKCS#12 files and keyrings use the demo password \"" + DEMO_PASSWORD + "\".\n"
                + "Listeners of the run:\n  " + String.join("\n  ", listeners) + "\n";
        Files.writeString(dir.resolve("README.txt"), text, StandardCharsets.UTF_8);
    }

    /** Stops the listeners (they are idle by now), the executor, and closes the audit files. */
    @Override
    public void close() {
        for (int i = closeMe.size() - 1; i >= 0; i--) {
            try {
                AutoCloseable c = closeMe.get(i);
                if (c instanceof OnlineStorageScp s) {
                    s.close();
                } else {
                    c.close();
                }
            } catch (Exception e) {
                // closing: nothing left to report to
            }
        }
        exec.shutdownNow();
        try {
            exec.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
