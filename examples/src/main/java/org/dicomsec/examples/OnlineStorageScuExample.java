package org.dicomsec.examples;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.OriginalCreator;
import org.dicomsec.storage.PeerPolicy;
import org.dicomsec.storage.SendIntent;
import org.dicomsec.storage.audit.FileAuditTrail;
import org.dicomsec.storage.net.OnlineStorageScu;
import org.dicomsec.storage.net.RemoteAe;
import org.dicomsec.storage.net.TransactionJournal;
import org.dicomsec.storage.net.TransferResult;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.storage.store.Provenance;
import org.dicomsec.tls.TlsConfig;
import org.dicomsec.tls.TlsTransport;

/**
 * An Online Electronic Storage SCU: makes FILE an original (rule a), keeps it in
 * a local store, transfers it to the SCP as an original with Storage Commitment
 * (rule d) and prints the outcome. Usage: {@code OnlineStorageScuExample HOST PORT
 * FOLDER KEY.pem CERT.pem CA.pem SERVER_SHA256 FILE}
 */
public final class OnlineStorageScuExample {

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[2]);
        InstanceStore store = InstanceStore.open(folder.resolve("store"));
        Dataset original = OriginalCreator.createOriginal(DicomFile.read(Path.of(args[7])).dataset(),
                Certification.now("EQ-EXAMPLE-1"), null);
        store.store(original, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Provenance.LOCAL, false);
        ExecutorService executor = Executors.newCachedThreadPool();   // the commitment wait
        OnlineStorageScu scu = OnlineStorageScu.builder(store, "MODALITY", new FileAuditTrail(folder.resolve("audit.log")),
                        executor, TransactionJournal.open(folder.resolve("journal")))
                .peerPolicy(PeerPolicy.builder().allowFingerprint(args[6]).build())
                .build();
        TlsConfig tls = TlsConfig.builder().keyPem(Path.of(args[3]), Path.of(args[4])).trust(Path.of(args[5]), null).build();
        RemoteAe archive = new RemoteAe("ARCHIVE", new InetSocketAddress(args[0], Integer.parseInt(args[1])),
                TlsTransport.connector(tls));
        TransferResult r = scu.send(archive, List.of(original.getString(Tag.SOPInstanceUID)), SendIntent.TRANSFER_ORIGINAL);
        executor.shutdown();
        System.out.println(r.instances().get(0) + "\ncommitted: " + r.isComplete());
        if (!r.isComplete()) {
            throw new IllegalStateException("not committed: " + r);
        }
    }
}
