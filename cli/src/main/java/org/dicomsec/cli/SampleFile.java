package org.dicomsec.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.SampleDatasets;
import org.dicomsec.data.TransferSyntax;

/**
 * The small sample file bundled with dicomsec ({@code dicomsec dump --sample},
 * and docs/samples/sample.dcm): {@link SampleDatasets#multilingualImage()} in
 * Explicit VR Little Endian. The bundled bytes were written by this class
 * ({@code java -cp ... org.dicomsec.cli.SampleFile OUT}); a test checks that
 * the resource still holds that data set.
 */
public final class SampleFile {

    /** Name shown in the dump header. */
    static final String NAME = "(bundled sample) sample.dcm";
    static final String RESOURCE = "sample.dcm";

    private SampleFile() {
    }

    /** Writes the sample file to the path given. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SampleFile OUT");
            System.exit(2);
        }
        DicomFile.of(SampleDatasets.multilingualImage(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)
                .write(Path.of(args[0]));
    }

    /** The bundled sample's bytes. */
    static InputStream open() throws IOException {
        InputStream in = SampleFile.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IOException("the bundled sample file is missing from the dicomsec jar");
        }
        return in;
    }
}
