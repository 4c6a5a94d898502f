/** Online Electronic Storage Secure Use Profile. */
module org.dicomsec.storage {
    requires transitive org.dicomsec.ul;
    requires org.dicomsec.tls;
    requires org.dicomsec.iscl;

    exports org.dicomsec.storage;
    exports org.dicomsec.storage.store;
    exports org.dicomsec.storage.commitment;
    exports org.dicomsec.storage.audit;
    exports org.dicomsec.storage.service;
    exports org.dicomsec.storage.net;
    exports org.dicomsec.storage.folder;
}
