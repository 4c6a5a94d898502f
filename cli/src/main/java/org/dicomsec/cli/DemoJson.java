package org.dicomsec.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's JSON (RFC 8259) writer: maps (objects, in their order), lists,
 * strings, numbers, booleans and null; nothing else.
 */
final class DemoJson {

    private DemoJson() {
    }

    static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, "");
        return b.toString();
    }

    private static void write(StringBuilder b, Object v, String indent) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            b.append(v);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                b.append("null");
            } else {
                b.append(String.format(Locale.ROOT, "%.3f", d).replaceFirst("\\.?0+$", ""));
            }
        } else if (v instanceof Map<?, ?> m) {
            String inner = indent + "  ";
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "\n" : ",\n").append(inner);
                string(b, String.valueOf(e.getKey()));
                b.append(": ");
                write(b, e.getValue(), inner);
                first = false;
            }
            b.append(first ? "}" : "\n" + indent + "}");
        } else if (v instanceof List<?> l) {
            String inner = indent + "  ";
            b.append('[');
            boolean first = true;
            for (Object o : l) {
                b.append(first ? "\n" : ",\n").append(inner);
                write(b, o, inner);
                first = false;
            }
            b.append(first ? "]" : "\n" + indent + "]");
        } else {
            throw new IllegalArgumentException("no JSON for " + v.getClass().getName());
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
