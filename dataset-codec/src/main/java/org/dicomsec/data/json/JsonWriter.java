package org.dicomsec.data.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer (RFC 8259): maps (objects, in their iteration order),
 * lists, strings, numbers, booleans and null, indented by two spaces a level;
 * and the one string escaper of the project ({@link #quote(String)}).
 *
 * <p>Numbers: integers as they are; a finite {@code double} or {@code float}
 * without a fraction as a whole number, else in its shortest exact decimal
 * form ({@link Double#toString(double)}); NaN and the infinities, which JSON
 * cannot carry, as {@code null}. Any other object is written as the string
 * of its {@code toString()}.
 *
 * <pre>{@code
 * Map<String, Object> m = new LinkedHashMap<>();
 * m.put("target", "pacs:2762");
 * m.put("ok", true);
 * String text = JsonWriter.write(m);   // {\n  "target": "pacs:2762",\n  "ok": true\n}
 * }</pre>
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    /** The value as indented JSON text, without a final line break. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    /** Appends {@code value} as JSON at nesting depth {@code depth} (the indentation of its inner lines). */
    public static void write(StringBuilder sb, Object value, int depth) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            quote(sb, s);
        } else if (value instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (value instanceof Double d) {
            number(sb, d);
        } else if (value instanceof Float f) {
            number(sb, f.doubleValue());
        } else if (value instanceof BigDecimal b) {
            sb.append(b.toPlainString());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> m) {
            object(sb, m, depth);
        } else if (value instanceof List<?> l) {
            array(sb, l, depth);
        } else {
            quote(sb, value.toString());
        }
    }

    private static void object(StringBuilder sb, Map<?, ?> m, int depth) {
        if (m.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append("{\n");
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            indent(sb, depth + 1);
            quote(sb, String.valueOf(e.getKey()));
            sb.append(": ");
            write(sb, e.getValue(), depth + 1);
            sb.append(it.hasNext() ? ",\n" : "\n");
        }
        indent(sb, depth);
        sb.append('}');
    }

    private static void array(StringBuilder sb, List<?> l, int depth) {
        if (l.isEmpty()) {
            sb.append("[]");
            return;
        }
        sb.append("[\n");
        for (int i = 0; i < l.size(); i++) {
            indent(sb, depth + 1);
            write(sb, l.get(i), depth + 1);
            sb.append(i + 1 < l.size() ? ",\n" : "\n");
        }
        indent(sb, depth);
        sb.append(']');
    }

    private static void number(StringBuilder sb, double d) {
        if (!Double.isFinite(d)) {
            sb.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            sb.append((long) d);
        } else {
            sb.append(d); // Double.toString: "1.5", "1.0E-5", both JSON numbers
        }
    }

    /** Two spaces per level. */
    static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }

    /** {@code s} as a JSON string, with its quotes. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(sb, s);
        return sb.toString();
    }

    /**
     * Appends {@code s} as a JSON string (RFC 8259 7): quotation mark, reverse
     * solidus and the control characters U+0000 to U+001F escaped, everything
     * else as it is.
     */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
