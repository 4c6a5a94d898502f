package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed dictionary resource is exactly what tools/GenDictionary.java
 * makes from DCMTK's dicom.dic (Debian package dcmtk): regenerates it into a
 * temporary file with the JDK's source launcher and compares byte for byte.
 */
@Tag("interop")
class DictionaryGeneratorInteropTest {

    static final Path DICOM_DIC = Path.of("/usr/share/libdcmtk17/dicom.dic");

    @TempDir
    Path tmp;

    private static Path moduleDir() {
        // Surefire runs with the module as working directory; basedir is set by Maven
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }

    @Test
    void committedResourceIsTheGeneratorsOutput() throws IOException, InterruptedException {
        if (!Files.isReadable(DICOM_DIC)) {
            String why = DICOM_DIC + " absent (install Debian package dcmtk): dictionary regeneration not checked";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        Path module = moduleDir();
        Path script = module.resolve("../tools/GenDictionary.java").normalize();
        Path committed = module.resolve("src/main/resources/org/dicomsec/data/" + DictionaryResource.NAME);
        assertTrue(Files.isRegularFile(script), "generator at " + script);
        assertTrue(Files.isRegularFile(committed), "resource at " + committed);

        Path out = tmp.resolve("dictionary.tsv");
        Path log = tmp.resolve("generator.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, script.toString(), DICOM_DIC.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("generator did not finish in 120 s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "generator failed: " + output);

        byte[] expected = Files.readAllBytes(committed);
        byte[] actual = Files.readAllBytes(out);
        if (!Arrays.equals(expected, actual)) {
            List<String> a = Files.readAllLines(committed, StandardCharsets.US_ASCII);
            List<String> b = Files.readAllLines(out, StandardCharsets.US_ASCII);
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                assertEquals(a.get(i), b.get(i), "line " + (i + 1) + " differs: regenerate the resource");
            }
        }
        assertArrayEquals(expected, actual, "committed " + committed + " is not the generator's output");
    }
}
