/** TLS Secure Transport Connection Profiles on BouncyCastle TLS. */
module org.dicomsec.tls {
    requires transitive org.dicomsec.ul;
    requires org.bouncycastle.provider;
    // TlsProfile.protocolVersions() and TlsCryptoChoice.create() show BouncyCastle TLS types in the API
    requires transitive org.bouncycastle.tls;

    exports org.dicomsec.tls;
    exports org.dicomsec.tls.demo;
    exports org.dicomsec.tls.bench;

    provides org.dicomsec.ul.transport.TransportProvider with org.dicomsec.tls.TlsTransportProvider;
}
