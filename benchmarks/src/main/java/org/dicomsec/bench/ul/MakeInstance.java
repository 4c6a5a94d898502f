package org.dicomsec.bench.ul;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark instance for scripts/cstore-vs-dcmtk.sh:
 * {@code java -cp benchmarks.jar org.dicomsec.bench.ul.MakeInstance FILE [FRAMES]}
 * (default 512 frames = 256 MiB of Pixel Data). Prints the file size in bytes.
 */
public final class MakeInstance {
    private MakeInstance() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: MakeInstance FILE [FRAMES]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int frames = args.length == 2 ? Integer.parseInt(args[1]) : UlData.FRAMES_256_MIB;
        UlData.writeInstance(file, frames);
        System.out.println(Files.size(file));
    }
}
