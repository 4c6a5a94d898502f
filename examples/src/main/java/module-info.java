/**
 * Short programs against the library API, each a {@code main}: compiled as a
 * module so that they can use only what the libraries export.
 */
module org.dicomsec.examples {
    requires org.dicomsec.storage;
    requires org.dicomsec.tls;
    requires org.dicomsec.iscl;
}
