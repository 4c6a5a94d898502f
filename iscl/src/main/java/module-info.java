/** ISCL Secure Transport Connection Profile. */
module org.dicomsec.iscl {
    requires transitive org.dicomsec.ul;
    requires org.bouncycastle.provider;

    // exports org.dicomsec.iscl; (added when the package has its first class)
}
