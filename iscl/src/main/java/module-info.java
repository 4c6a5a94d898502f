/** ISCL Secure Transport Connection Profile. */
module org.dicomsec.iscl {
    requires transitive org.dicomsec.ul;
    requires org.bouncycastle.provider;

    exports org.dicomsec.iscl;
    exports org.dicomsec.iscl.crypto;
    exports org.dicomsec.iscl.keys;
    exports org.dicomsec.iscl.bench;

    provides org.dicomsec.ul.transport.TransportProvider with org.dicomsec.iscl.IsclTransportProvider;
}
