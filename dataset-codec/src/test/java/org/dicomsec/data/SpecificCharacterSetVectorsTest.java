package org.dicomsec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The examples of PS3.5 Annexes H, I, J and K and the single-byte code tables,
 * from src/test/resources/vectors/specific-character-set.tsv (sources named there).
 */
class SpecificCharacterSetVectorsTest {

    record Vector(String id, String[] terms, VR vr, boolean exact, byte[] bytes, String text, String source) {
    }

    static List<Vector> load() throws IOException {
        List<Vector> list = new ArrayList<>();
        try (InputStream in = SpecificCharacterSetVectorsTest.class
                .getResourceAsStream("/vectors/specific-character-set.tsv")) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : all.split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                assertEquals(7, f.length, "columns of " + line);
                String text = f[5].replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
                list.add(new Vector(f[0], f[1].split("\\\\", -1), VR.valueOf(f[2]), f[3].equals("exact"),
                        HexFormat.of().parseHex(f[4].replace(" ", "")), text, f[6]));
            }
        }
        return list;
    }

    @Test
    void everyDefinedTermFamilyHasAVector() throws IOException {
        List<Vector> vectors = load();
        assertTrue(vectors.size() >= 20, "vectors: " + vectors.size());
        for (String term : new String[] {"ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110", "ISO_IR 144",
                "ISO_IR 127", "ISO_IR 126", "ISO_IR 138", "ISO_IR 148", "ISO_IR 203", "ISO_IR 166", "ISO_IR 13",
                "ISO_IR 192", "GB18030", "GBK", "ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 149",
                "ISO 2022 IR 58", "ISO 2022 IR 159"}) {
            assertTrue(vectors.stream().anyMatch(v -> List.of(v.terms()).contains(term)), term);
        }
    }

    @TestFactory
    Stream<DynamicTest> decodesTheStandardsBytes() throws IOException {
        return load().stream().map(v -> DynamicTest.dynamicTest(v.id() + " decode (" + v.source() + ")", () -> {
            SpecificCharacterSet cs = SpecificCharacterSet.of(v.terms());
            assertEquals(v.text(), cs.decode(v.bytes(), 0, v.bytes().length, v.vr()));
        }));
    }

    @TestFactory
    Stream<DynamicTest> encodesAsTheStandardDoes() throws IOException {
        return load().stream().map(v -> DynamicTest.dynamicTest(v.id() + " encode", () -> {
            SpecificCharacterSet cs = SpecificCharacterSet.of(v.terms());
            byte[] encoded = cs.encode(v.text(), v.vr());
            if (v.exact()) {
                assertArrayEquals(v.bytes(), encoded, () -> "expected " + HexFormat.ofDelimiter(" ").formatHex(v.bytes())
                        + "\n but was " + HexFormat.ofDelimiter(" ").formatHex(encoded));
            }
            assertEquals(v.text(), cs.decode(encoded, 0, encoded.length, v.vr()), "decode(encode(text))");
        }));
    }
}
