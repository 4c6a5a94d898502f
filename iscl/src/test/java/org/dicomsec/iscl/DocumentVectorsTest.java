package org.dicomsec.iscl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/iscl-wire-format.md section 12.2 reproduces the primitive vector files whole, so that an
 * implementer needs the document only: every line of each file (comments too) is in the document.
 * The vectors themselves are checked against the primitives by DesBlockTest, DesMacTest,
 * Md5DesTest and the MD5 / HMAC-MD5 tests.
 */
class DocumentVectorsTest {

    private static final Path DOC = Path.of("../docs/iscl-wire-format.md");

    @ParameterizedTest
    @ValueSource(strings = {"des-fips81.txt", "des-nbs-sp500-20.txt", "des-mac-x9.9.txt", "md5-rfc1321.txt",
        "hmac-md5-rfc2104.txt", "md5-des-dicomsec.txt"})
    void everyLineOfTheVectorFileIsInTheDocument(String name) throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/vectors", name), StandardCharsets.US_ASCII);
        assertTrue(lines.size() > 3, name);
        for (String l : lines) {
            assertTrue(doc.contains(l), "docs/iscl-wire-format.md section 12.2 lacks, from " + name + ": " + l);
        }
        assertTrue(doc.contains("`" + name + "`"), "section 12.2 names " + name);
    }
}
