/**
 * The Online Electronic Storage Secure Use Profile (PS3.15 A.1.1): SOP Instance
 * Status rules, the instance store, Storage Commitment, the audit trail and the
 * Storage SCP/SCU. It reads a connection's security facts through the transport
 * SPI of the Upper Layer, so it needs neither TLS nor ISCL: an application plugs
 * either in. {@code org.dicomsec.storage.service} is internal.
 */
module org.dicomsec.storage {
    requires transitive org.dicomsec.ul;

    exports org.dicomsec.storage;
    exports org.dicomsec.storage.store;
    exports org.dicomsec.storage.commitment;
    exports org.dicomsec.storage.audit;
    exports org.dicomsec.storage.net;
    exports org.dicomsec.storage.folder;
    exports org.dicomsec.storage.node;
}
