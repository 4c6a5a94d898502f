/**
 * The DICOM data set codec: tags, value representations, the PS3.6 data
 * dictionary, data sets and their streaming readers and writers (PS3.5), and
 * PS3.10 files; the DICOM JSON Model of PS3.18. JDK only.
 */
module org.dicomsec.data {
    exports org.dicomsec.data;
    exports org.dicomsec.data.json;
    exports org.dicomsec.data.listing;
}
