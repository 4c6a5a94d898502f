package org.dicomsec.examples;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomsec.data.UID;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.dimse.Status;
import org.dicomsec.ul.net.DicomServer;
import org.dicomsec.ul.transport.PlainTcp;

/**
 * A Storage SCP on plain TCP whose handler writes each data set to FOLDER.
 * Usage: {@code ScpWithHandler PORT FOLDER} (port 0: any free port); Enter stops it.
 */
public final class ScpWithHandler {

    /** Starts the server; the caller closes it. */
    public static DicomServer start(int port, Path folder) throws Exception {
        AcceptorPolicy policy = AcceptorPolicy.builder()
                .abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
                .anyAbstractSyntax(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .build();
        DimseHandlers handlers = DimseHandlers.builder().cstore((association, context, rq, dataSet) -> {
            try (InputStream in = dataSet) {  // streamed: never the whole data set in memory
                Files.copy(in, folder.resolve(rq.affectedSopInstanceUid() + ".ds"));
            }
            return Status.OK;
        }).build();
        DicomServer server = new DicomServer(PlainTcp.acceptor(null, port), policy, handlers,
                AssociationSettings.DEFAULT, 4);
        server.start();
        return server;
    }

    public static void main(String[] args) throws Exception {
        try (DicomServer server = start(Integer.parseInt(args[0]), Path.of(args[1]))) {
            System.out.println("listening on port " + server.localPort() + "; Enter stops");
            System.in.read();
        }
    }
}
