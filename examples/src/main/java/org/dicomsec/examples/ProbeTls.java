package org.dicomsec.examples;

import java.net.InetSocketAddress;
import java.time.Instant;

import org.dicomsec.tls.CertificateReport;
import org.dicomsec.tls.TlsProbe;

/**
 * Which TLS versions and suites of the PS3.15 profiles a node accepts, its
 * certificate, and what falls short of BCP 195. Usage: {@code ProbeTls HOST PORT}
 */
public final class ProbeTls {

    public static void main(String[] args) {
        TlsProbe.Report r = TlsProbe.to(new InetSocketAddress(args[0], Integer.parseInt(args[1])))
                .timeoutMillis(3000)
                .run();
        for (TlsProbe.Row v : r.versions()) {
            System.out.println(v.version() + ": " + (v.accepted() ? "accepted" : v.detail()));
        }
        r.suites().stream().filter(TlsProbe.Row::accepted)
                .forEach(s -> System.out.println("  " + s.version() + " " + s.suite() + ": " + s.bcp195()));
        System.out.println("profiles: " + r.profiles());
        System.out.println("client certificate: " + r.clientCertificate());
        CertificateReport cert = r.certificate(Instant.now());
        if (cert != null) {
            System.out.println("certificate: " + cert.describe());
        }
        r.findings().forEach(f -> System.out.println("! " + f));
    }
}
