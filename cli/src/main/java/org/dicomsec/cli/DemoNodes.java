package org.dicomsec.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dicomsec.iscl.Iscl;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.SoftwareKeyCard;
import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.AuditRecorder;
import org.dicomsec.storage.audit.AuditTrail;
import org.dicomsec.storage.commitment.CommitmentResult;
import org.dicomsec.storage.net.OnlineStorageScp;
import org.dicomsec.storage.net.OnlineStorageScu;
import org.dicomsec.storage.net.RemoteAe;
import org.dicomsec.storage.node.StorageNode;
import org.dicomsec.tls.KeyMaterial;
import org.dicomsec.tls.TlsConfig;
import org.dicomsec.tls.TlsProfile;
import org.dicomsec.tls.TlsTransport;
import org.dicomsec.tls.demo.DemoPki;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.net.ConnectionTap;
import org.dicomsec.ul.transport.PlainTcp;
import org.dicomsec.ul.transport.PreferredPort;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnector;

/**
 * Everything {@code dicomsec demo} runs on, in one folder: a demo PKI, an ISCL
 * keyring pair, and one {@link StorageNode} (instance store, audit log,
 * journal) per AE; on loopback the Online Electronic Storage SCP with its three
 * listeners, each its own AE with its own store (rule c forbids the holder of
 * an original to take in a copy of it, so the copies of steps 4 and 5 go to
 * other AEs than the archive):
 * <ul>
 * <li>ARCHIVE: TLS, profile bcp195-nd, port 2762 when free;</li>
 * <li>WORKSTATION: ISCL, port 2761 when free;</li>
 * <li>VIEWER: plain TCP, any free port.</li>
 * </ul>
 * The sender is MODALITY (a second sender, MODALITY2, has a store of its own).
 * Peers confirm each other's support of the profile (rules d.2, e.2) by the
 * SHA-256 fingerprints of the demo certificates and by the ISCL keyring flag
 * {@value PeerPolicy#ISCL_PROFILE_ATTRIBUTE}. The profile's default
 * {@link org.dicomsec.storage.TransferRules} apply. {@link #close()} stops every
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

    /** A sending AE: its node and its SCU. */
    record Sender(StorageNode node, OnlineStorageScu scu) {
    }

    /** A receiving AE: its node, how the senders reach its SCP, and the tap on its listener. */
    record Receiver(StorageNode node, RemoteAe ae, ConnectionTap tap) {
    }

    final Path dir;
    final DemoPki pki;
    /** WORKSTATION's audit messages, beside its audit.log: how the tamper step sees the receiver's side. */
    final AuditRecorder workstationAudit = new AuditRecorder();
    /** Every connection MODALITY and MODALITY2 make. */
    final ConnectionTap senderTap = new ConnectionTap();
    final BlockingQueue<CommitmentResult> reportsDelivered = new LinkedBlockingQueue<>();
    final ExecutorService exec;
    final Sender modality;
    final Sender modality2;
    final Receiver archive;
    final Receiver workstation;
    final Receiver viewer;
    final List<String> listeners = new ArrayList<>();
    private final List<AutoCloseable> closeMe = new ArrayList<>();

    /** Sets everything up in {@code dir}; on failure, closes what was started and rethrows. */
    static DemoNodes start(Path dir) throws IOException {
        return new DemoNodes(dir);
    }

    private DemoNodes(Path dir) throws IOException {
        this.dir = dir;
        this.exec = OnlineStorageCli.daemonPool("dicomsec-demo");
        boolean ok = false;
        try {
            char[] password = DEMO_PASSWORD.toCharArray();
            pki = DemoPki.generate("dicomsec Demo CA");
            pki.write(dir.resolve("pki"), password);

            IsclKeyring modalityRing = IsclKeyring.create();
            IsclKeyring workstationRing = IsclKeyring.create();
            Map<String, String> conforms = Map.of(PeerPolicy.ISCL_PROFILE_ATTRIBUTE, "true");
            modalityRing.putPair(MODALITY, WORKSTATION, null, conforms, workstationRing);
            Files.createDirectories(dir.resolve("iscl"));
            modalityRing.save(dir.resolve("iscl/modality.keyring"), password, KEYRING_KDF_ITERATIONS);
            workstationRing.save(dir.resolve("iscl/workstation.keyring"), password, KEYRING_KDF_ITERATIONS);

            // rules d.2/e.2: each side confirms the other through its authentication
            PeerPolicy senderPolicy = PeerPolicy.builder()
                    .allowFingerprint(PeerPolicy.fingerprint(pki.server().certificate())).build();
            PeerPolicy receiverPolicy = PeerPolicy.builder()
                    .allowFingerprint(PeerPolicy.fingerprint(pki.client().certificate())).build();

            InetAddress lo = InetAddress.getLoopbackAddress();
            // each acceptor is closed by its SCP, and here too in case the SCP is never built
            TransportAcceptor tls = closeLater(PreferredPort.bind(lo, TlsTransport.DEFAULT_PORT,
                    (a, p) -> TlsTransport.acceptor(tlsConfig(pki.server()), a, p)));
            IsclConfig wsIscl = IsclConfig.builder(new SoftwareKeyCard(workstationRing), WORKSTATION).build();
            TransportAcceptor iscl = closeLater(PreferredPort.bind(lo, Iscl.DEFAULT_PORT,
                    (a, p) -> Iscl.acceptor(wsIscl, a, p)));
            TransportAcceptor plain = closeLater(PlainTcp.acceptor(lo, 0));

            IsclConfig modIscl = IsclConfig.builder(new SoftwareKeyCard(modalityRing), MODALITY).build();
            archive = receiver(node(ARCHIVE), tls, "tls " + TLS_PROFILE.profileName(),
                    TlsTransport.connector(tlsConfig(pki.client())), receiverPolicy);
            workstation = receiver(node(WORKSTATION, workstationAudit), iscl, "iscl",
                    Iscl.connector(modIscl, WORKSTATION), receiverPolicy);
            viewer = receiver(node(VIEWER), plain, "plain", PlainTcp.connector(), receiverPolicy);
            modality = sender(node(MODALITY), senderPolicy);
            modality2 = sender(node(MODALITY2), senderPolicy);
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

    /** The AE's node in {@code dir/<ae in lower case>}, auditing as this host's demo AE. */
    private StorageNode node(String ae, AuditTrail... alsoTo) throws IOException {
        return closeLater(StorageNode.open(dir.resolve(ae.toLowerCase(Locale.ROOT)), ae,
                new AuditEvents(ae, "127.0.0.1", "dicomsec-demo-" + ae, Clock.systemUTC()), alsoTo));
    }

    /** Starts the node's SCP on {@code acceptor}; the senders reach it through {@code connector}. */
    private Receiver receiver(StorageNode node, TransportAcceptor acceptor, String transport,
                              TransportConnector connector, PeerPolicy policy) {
        ConnectionTap tap = new ConnectionTap();
        OnlineStorageScp scp = closeLater(node.scp(tap.acceptor(acceptor), exec).peerPolicy(policy)
                .settings(SETTINGS).workers(2).onReportDelivered(reportsDelivered::add).build());
        scp.start();
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.localPort());
        listeners.add(node.aeTitle() + " " + transport + " " + at.getAddress().getHostAddress() + ":" + at.getPort());
        return new Receiver(node, new RemoteAe(node.aeTitle(), at, senderTap.connector(connector)), tap);
    }

    private Sender sender(StorageNode node, PeerPolicy policy) throws IOException {
        return new Sender(node, node.scu(exec).peerPolicy(policy).settings(SETTINGS)
                .commitmentTimeout(Duration.ofSeconds(10)).build());
    }

    private TlsConfig tlsConfig(KeyMaterial own) {
        return TlsConfig.builder().profile(TLS_PROFILE).keyMaterial(own)
                .trustAnchors(List.of(pki.ca().certificate())).build();
    }

    private void writeReadme() throws IOException {
        String text = "dicomsec demo folder (throw-away demo material: do not use these keys anywhere else)\n\n"
                + "pki/          demo CA, ARCHIVE = server.*, MODALITY and MODALITY2 = client.* (PEM, PKCS#12)\n"
                + "iscl/         ISCL keyrings of MODALITY and WORKSTATION (dicomsec keys iscl list --password-env VAR F)\n"
                + "<node>/store  instance stores: instances/*.dcm (dicomsec dump F) and index/index.log\n"
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
                closeMe.get(i).close();
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
