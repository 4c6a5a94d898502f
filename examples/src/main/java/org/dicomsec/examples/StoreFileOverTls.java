package org.dicomsec.examples;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.dicomsec.data.UID;
import org.dicomsec.tls.TlsConfig;
import org.dicomsec.tls.TlsTransport;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.DicomFiles;
import org.dicomsec.ul.dimse.CStoreRsp;

/**
 * C-STORE of one DICOM file over TLS (BCP 195, mutual authentication).
 * Usage: {@code StoreFileOverTls HOST PORT FILE KEY.pem CERT.pem CA.pem}
 */
public final class StoreFileOverTls {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[2]);
        TlsConfig tls = TlsConfig.builder().profile("bcp195-nd")
                .keyPem(Path.of(args[3]), Path.of(args[4]))   // our key and certificate
                .trust(Path.of(args[5]), null)                  // the CA that signed the server's
                .build();
        DicomFiles.Info info = DicomFiles.inspect(file);     // SOP class and transfer syntax from the file
        AssociationRequest rq = AssociationRequest.builder("ANY-SCP", "EXAMPLE-SCU")
                .presentationContext(info.sopClassUid(), info.transferSyntaxUid(), UID.ExplicitVRLittleEndian)
                .build();
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        try (Association a = Association.request(TlsTransport.connector(tls), server, rq)) {
            System.out.println("over " + a.security() + " to " + a.peer().name());
            CStoreRsp rsp = a.cstore(file);
            System.out.println("C-STORE " + info.sopInstanceUid() + ": " + rsp.status());
            a.release();
        }
    }
}
