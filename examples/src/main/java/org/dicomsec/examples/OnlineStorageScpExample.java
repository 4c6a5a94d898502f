package org.dicomsec.examples;

import java.nio.file.Path;
import java.util.concurrent.Executors;

import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.audit.FileAuditTrail;
import org.dicomsec.storage.net.OnlineStorageScp;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.tls.TlsConfig;
import org.dicomsec.tls.TlsTransport;

/**
 * An Online Electronic Storage SCP (PS3.15 A.1.1) over TLS: a durable instance
 * store, an audit trail, Storage Commitment, and one peer trusted to support the
 * profile (by its certificate's SHA-256 fingerprint).
 * Usage: {@code OnlineStorageScpExample PORT FOLDER KEY.pem CERT.pem CA.pem PEER_SHA256}; Enter stops it.
 */
public final class OnlineStorageScpExample {

    /** Starts the SCP with AE title ARCHIVE; the caller closes it. */
    public static OnlineStorageScp start(int port, Path folder, Path key, Path cert, Path ca, String peerSha256)
            throws Exception {
        TlsConfig tls = TlsConfig.builder().keyPem(key, cert).trust(ca, null).build();
        OnlineStorageScp scp = OnlineStorageScp.builder(InstanceStore.open(folder.resolve("store")), "ARCHIVE",
                        TlsTransport.acceptor(tls, null, port), new FileAuditTrail(folder.resolve("audit.log")),
                        Executors.newSingleThreadExecutor(r -> {  // sends the Storage Commitment reports
                            Thread t = new Thread(r, "commitment-reports");
                            t.setDaemon(true);
                            return t;
                        }))
                .peerPolicy(PeerPolicy.builder().allowFingerprint(peerSha256).build())
                .build();
        scp.start();
        return scp;
    }

    public static void main(String[] args) throws Exception {
        try (OnlineStorageScp scp = start(Integer.parseInt(args[0]), Path.of(args[1]), Path.of(args[2]),
                Path.of(args[3]), Path.of(args[4]), args[5])) {
            System.out.println(scp.aeTitle() + " listening on port " + scp.localPort() + "; Enter stops");
            System.in.read();
        }
    }
}
