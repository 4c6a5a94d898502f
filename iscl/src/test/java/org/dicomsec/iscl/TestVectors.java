package org.dicomsec.iscl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads src/test/resources/vectors/*.txt: '#' comments, fields split on spaces, "quoted" fields kept whole. */
public final class TestVectors {

    private TestVectors() {
    }

    public static final HexFormat HEX = HexFormat.of();

    public static List<List<String>> load(String name) throws IOException {
        try (InputStream in = TestVectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource vectors/" + name);
            }
            List<List<String>> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                rows.add(split(line.strip()));
            }
            if (rows.isEmpty()) {
                throw new IOException("no vectors in " + name);
            }
            return rows;
        }
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) == ' ') {
                i++;
            } else if (line.charAt(i) == '"') {
                int end = line.indexOf('"', i + 1);
                out.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = line.indexOf(' ', i);
                end = end < 0 ? line.length() : end;
                out.add(line.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    public static byte[] hex(String s) {
        return HEX.parseHex(s.toLowerCase());
    }
}
