package org.dicomsec.data.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

/** The one JSON writer: strings round-trip through RFC 8259 escaping; values are laid out as documented. */
class JsonWriterProperties {

    /** RFC 8259 7, the reverse of {@link JsonWriter#quote(String)}, strict: anything unexpected fails. */
    static String unquote(String json) {
        assertTrue(json.length() >= 2 && json.charAt(0) == '"' && json.charAt(json.length() - 1) == '"', json);
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < json.length() - 1; i++) {
            char c = json.charAt(i);
            assertTrue(c >= 0x20 && c != '"', "raw control character or quote at " + i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = json.charAt(++i);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new AssertionError("bad escape \\" + e);
            }
        }
        return sb.toString();
    }

    @Property
    void anyStringRoundTrips(@ForAll String s) {
        assertEquals(s, unquote(JsonWriter.quote(s)));
    }

    @Property
    void controlAndQuoteCharactersAreEscaped(@ForAll @Chars({'"', '\\'}) @CharRange(from = 0, to = 0x20) char c) {
        String q = JsonWriter.quote(String.valueOf(c));
        assertEquals(String.valueOf(c), unquote(q));
    }

    @Test
    void layout() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b");
        m.put("n", 3);
        m.put("d", 2.5);
        m.put("whole", 4.0);
        m.put("nan", Double.NaN);
        m.put("big", new BigDecimal("1.2300"));
        m.put("list", List.of(true, "x"));
        m.put("empty", Map.of());
        m.put("none", null);
        assertEquals("{\n  \"s\": \"a\\\"b\",\n  \"n\": 3,\n  \"d\": 2.5,\n  \"whole\": 4,\n  \"nan\": null,\n"
                + "  \"big\": 1.2300,\n  \"list\": [\n    true,\n    \"x\"\n  ],\n  \"empty\": {},\n  \"none\": null\n}",
                JsonWriter.write(m));
        assertEquals("\"\\u0001\"", JsonWriter.quote("\u0001"));
    }
}
