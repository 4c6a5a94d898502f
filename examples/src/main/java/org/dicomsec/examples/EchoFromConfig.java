package org.dicomsec.examples;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.dicomsec.data.UID;
import org.dicomsec.tls.TlsConfig;
import org.dicomsec.tls.TlsTransportProvider;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.transport.Transport;
import org.dicomsec.ul.transport.TransportConfig;
import org.dicomsec.ul.transport.Transports;

/**
 * C-ECHO over a transport chosen as configuration: plain TCP, or TLS when the
 * PEM files are given. {@link Transports#of} builds the transport (TLS comes from
 * the tls-profile module by ServiceLoader) with its default port when none is given.
 * Usage: {@code EchoFromConfig HOST [PORT|-] [TRUST.pem KEY.pem CERT.pem]}
 */
public final class EchoFromConfig {

    public static void main(String[] args) throws Exception {
        TransportConfig config = args.length < 5 ? TransportConfig.plain()
                : TlsTransportProvider.config(TlsConfig.builder().trust(Path.of(args[2]), null)
                        .keyPem(Path.of(args[3]), Path.of(args[4])).build());
        Transport t = Transports.of(config);
        int port = args.length > 1 && !args[1].equals("-") ? Integer.parseInt(args[1]) : t.defaultPort();
        AssociationRequest rq = AssociationRequest.builder("ANY-SCP", "EXAMPLE-SCU")
                .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build();
        try (Association a = Association.request(t.connector(), new InetSocketAddress(args[0], port), rq)) {
            System.out.println(t.kind() + " (" + t.describe() + "), C-ECHO: " + a.cecho().status());
            a.release();
        }
    }
}
