/**
 * The DICOM data set codec: tags, value representations, the PS3.6 data
 * dictionary, data sets and their streaming readers and writers (PS3.5), and
 * PS3.10 files. JDK only.
 */
module org.dicomsec.data {
    exports org.dicomsec.data;
}
