/** Online Electronic Storage Secure Use Profile. */
module org.dicomsec.storage {
    requires transitive org.dicomsec.ul;
    requires org.dicomsec.tls;
    requires org.dicomsec.iscl;

    // exports org.dicomsec.storage; (added when the package has its first class)
}
