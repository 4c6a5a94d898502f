package org.dicomsec.storage.folder;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;
import org.dicomsec.storage.store.ReceivedFileWriter;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.PlainTcp;

/**
 * The process {@link FolderScpCrashTest} kills: a {@link FolderScp} behind a loopback server, and
 * an SCU in the same process that stores instances through it, every fifth one a second version
 * of the one before; it prints {@code STORED <uid> <patient>} only after success was answered.
 */
public final class FolderCrashChild {

    private FolderCrashChild() {
    }

    /** The patient name of version {@code v} of {@code uid}: what the parent checks the file by. */
    static String patient(String uid, int v) {
        return "P" + uid.substring(uid.lastIndexOf('.') + 1) + "^V" + v;
    }

    public static void main(String[] args) throws Exception {
        FolderScp scp = FolderScp.open(Path.of(args[0]), true);
        String prefix = "1.2.826.0.1.3680043.2.1125.88." + args[1] + ".";
        AcceptorPolicy policy = AcceptorPolicy.builder().anyAbstractSyntax(UID.ExplicitVRLittleEndian).build();
        DicomServer server = DicomServer.builder(PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0))
                .policy(policy).handlers(DimseHandlers.builder()
                        .cstore(scp.handler(ReceivedFileWriter.diskExecutor(2, "crash-disk"), null)).build())
                .workers(1).build();
        server.start();
        Association a = Association.request(PlainTcp.connector(), new InetSocketAddress(
                InetAddress.getLoopbackAddress(), server.localPort()), AssociationRequest.builder("ANY", "SCU")
                .presentationContext(UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian).build());
        PrintStream out = System.out;
        out.println("OPEN " + scp.recovered());
        out.flush();
        for (int i = 0; i < 100_000; i++) {
            boolean again = i % 5 == 4;
            String uid = prefix + (again ? i - 1 : i);
            Dataset ds = FolderScpTest.instance(UID.SecondaryCaptureImageStorage, uid);
            String name = patient(uid, again ? 2 : 1);
            ds.setString(0x00100010, VR.PN, name);
            byte[] bytes = DicomWriter.encode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            int status = a.cstore(UID.SecondaryCaptureImageStorage, uid, UID.ExplicitVRLittleEndian,
                    new ByteArrayInputStream(bytes)).status().code();
            if (status != 0) {
                throw new IllegalStateException("status " + Integer.toHexString(status) + " for " + uid);
            }
            out.println("STORED " + uid + " " + name);
            out.flush();
        }
    }
}
