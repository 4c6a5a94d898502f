package org.dicomsec.data.json;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Element;
import org.dicomsec.data.Fragments;
import org.dicomsec.data.SpecificCharacterSet;
import org.dicomsec.data.Tag;
import org.dicomsec.data.VR;

/**
 * A data set in the DICOM JSON Model of PS3.18 Annex F (F.2): an object keyed
 * by the tag as eight upper-case hex digits, each attribute an object with
 * {@code "vr"} and, when the value is not empty, {@code "Value"} (an array),
 * or {@code "InlineBinary"} (base64) for OB, OD, OF, OL, OV, OW, UN and
 * encapsulated Pixel Data:
 * <ul>
 * <li>PN: objects with {@code Alphabetic}, {@code Ideographic}, {@code Phonetic}
 *     (the three component groups, F.2.2; empty groups left out);</li>
 * <li>IS, DS, FL, FD, US, SS, UL, SL, SV, UV: JSON numbers (F.2.3); an IS or DS
 *     value that is no number at all stays a string (CP-1861 allows it), and so does
 *     a float that is NaN or infinite;</li>
 * <li>AT: strings of eight hex digits; SQ: arrays of item objects (F.2.4);</li>
 * <li>an empty value of a multi-valued attribute is {@code null} (F.2.5).</li>
 * </ul>
 * Group length elements (gggg,0000) are left out, since PS3.18 F.2 does not
 * carry them, and so is the File Meta Information: the model is of a data set.
 * Encapsulated Pixel Data is given as the bytes of its value field (the items
 * and the Sequence Delimitation Item, little endian) base64-encoded.
 *
 * <pre>{@code
 * Dataset ds = DicomFile.read(path).dataset();
 * String json = JsonModel.of(ds);
 * }</pre>
 */
public final class JsonModel {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private final StringBuilder sb = new StringBuilder();

    private JsonModel() {
    }

    /** The JSON text of {@code ds}, indented by two spaces a level, ending in a newline. */
    public static String of(Dataset ds) {
        JsonModel m = new JsonModel();
        m.object(ds, 0);
        return m.sb.append('\n').toString();
    }

    private void object(Dataset ds, int level) {
        List<Element> shown = new ArrayList<>();
        for (Element e : ds) {
            if (!Tag.isGroupLength(e.tag())) {
                shown.add(e);
            }
        }
        if (shown.isEmpty()) {
            sb.append("{}");
            return;
        }
        SpecificCharacterSet cs = ds.specificCharacterSet();
        sb.append("{\n");
        for (int i = 0; i < shown.size(); i++) {
            indent(level + 1);
            attribute(shown.get(i), cs, level + 1);
            sb.append(i + 1 < shown.size() ? ",\n" : "\n");
        }
        indent(level);
        sb.append('}');
    }

    private void attribute(Element e, SpecificCharacterSet cs, int level) {
        sb.append(String.format("\"%08X\": {\"vr\": \"", e.tag()));
        if (e.isSequence()) {
            // a UN element holding an implicit-VR sequence (PS3.5 6.2.2) is shown as the sequence it is
            sb.append("SQ\"");
            if (!e.sequence().isEmpty()) {
                sb.append(", \"Value\": [\n");
                List<Dataset> items = e.sequence().items();
                for (int i = 0; i < items.size(); i++) {
                    indent(level + 1);
                    object(items.get(i), level + 1);
                    sb.append(i + 1 < items.size() ? ",\n" : "\n");
                }
                indent(level);
                sb.append(']');
            }
            sb.append('}');
            return;
        }
        sb.append(e.vr()).append('"');
        if (e.isFragments()) {
            sb.append(", \"InlineBinary\": \"").append(base64(encapsulated(e.fragments()))).append("\"}");
            return;
        }
        byte[] b = e.bytes(false);
        if (b.length == 0) {
            sb.append('}');
            return;
        }
        switch (e.vr()) {
            case OB, OD, OF, OL, OV, OW, UN -> sb.append(", \"InlineBinary\": \"").append(base64(b)).append('"');
            default -> {
                sb.append(", \"Value\": [");
                values(e.vr(), b, cs);
                sb.append(']');
            }
        }
        sb.append('}');
    }

    private void values(VR vr, byte[] b, SpecificCharacterSet cs) {
        if (vr.isText()) {
            List<String> values = split(vr, text(b, vr, cs));
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                String v = trim(vr, values.get(i));
                if (v.isEmpty()) {
                    sb.append("null");
                } else if (vr == VR.PN) {
                    personName(v);
                } else if (vr == VR.IS || vr == VR.DS) {
                    number(v, vr == VR.IS);
                } else {
                    string(v);
                }
            }
            return;
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int unit = unit(vr);
        for (int off = 0; off + unit <= b.length; off += unit) {
            if (off > 0) {
                sb.append(", ");
            }
            switch (vr) {
                case US -> sb.append(bb.getShort(off) & 0xFFFF);
                case SS -> sb.append(bb.getShort(off));
                case UL -> sb.append(bb.getInt(off) & 0xFFFFFFFFL);
                case SL -> sb.append(bb.getInt(off));
                case UV -> sb.append(Long.toUnsignedString(bb.getLong(off)));
                case SV -> sb.append(bb.getLong(off));
                case FL -> floating(bb.getFloat(off), Float.toString(bb.getFloat(off)));
                case FD -> floating(bb.getDouble(off), Double.toString(bb.getDouble(off)));
                case AT -> string(String.format("%04X%04X", bb.getShort(off) & 0xFFFF, bb.getShort(off + 2) & 0xFFFF));
                default -> throw new IllegalStateException("not a numeric VR: " + vr);
            }
        }
    }

    /** PS3.5 6.4: LT, ST, UT and UR hold one value that may contain backslashes; the others split on it. */
    private static List<String> split(VR vr, String s) {
        if (vr == VR.LT || vr == VR.ST || vr == VR.UT || vr == VR.UR) {
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int bs = s.indexOf('\\'); bs >= 0; bs = s.indexOf('\\', start)) {
            out.add(s.substring(start, bs));
            start = bs + 1;
        }
        out.add(s.substring(start));
        return out;
    }

    /**
     * Removes the spaces PS3.5 table 6.2-1 calls insignificant: trailing ones
     * always, leading ones too except for the free-text VRs (LT, ST, UT) and PN,
     * UR and UC, where they belong to the value.
     */
    private static String trim(VR vr, String v) {
        int end = v.length();
        while (end > 0 && (v.charAt(end - 1) == ' ' || v.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        boolean leadingSignificant = vr == VR.LT || vr == VR.ST || vr == VR.UT || vr == VR.PN || vr == VR.UR
                || vr == VR.UC;
        while (!leadingSignificant && start < end && v.charAt(start) == ' ') {
            start++;
        }
        return v.substring(start, end);
    }

    /** PS3.18 F.2.2: the alphabetic, ideographic and phonetic groups of a name, empty ones left out. */
    private void personName(String v) {
        String[] groups = v.split("=", -1);
        String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
        sb.append('{');
        boolean first = true;
        for (int i = 0; i < Math.min(groups.length, names.length); i++) {
            if (!groups[i].isEmpty()) {
                sb.append(first ? "" : ", ").append('"').append(names[i]).append("\": ");
                string(groups[i]);
                first = false;
            }
        }
        sb.append('}');
    }

    /** An IS or DS value as a JSON number: as written when already valid JSON, else normalised, else a string. */
    private void number(String v, boolean integer) {
        String s = v.trim();
        if (JSON_NUMBER.matcher(s).matches()) {
            sb.append(s);
            return;
        }
        try {
            String t = s.startsWith("+") ? s.substring(1) : s;
            sb.append(integer ? new BigInteger(t).toString() : new BigDecimal(t).toString());
        } catch (NumberFormatException notANumber) {
            string(v);
        }
    }

    private void floating(double d, String text) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            string(text);
        } else {
            sb.append(text);
        }
    }

    private void string(String s) {
        JsonWriter.quote(sb, s);
    }

    /** The decoded text of a text VR, trailing spaces and NULs removed. */
    private static String text(byte[] b, VR vr, SpecificCharacterSet cs) {
        int end = b.length;
        while (end > 0 && (b[end - 1] == ' ' || b[end - 1] == 0)) {
            end--;
        }
        return vr.kind() == VR.Kind.TEXT ? cs.decode(b, 0, end, vr)
                : new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** The size of one value of a binary VR in bytes (PS3.5 table 6.2-1). */
    private static int unit(VR vr) {
        return switch (vr) {
            case US, SS, OW -> 2;
            case UL, SL, FL, OF, OL, AT -> 4;
            case FD, OD, SV, UV, OV -> 8;
            default -> 1;
        };
    }

    /** The value field of encapsulated data (PS3.5 A.4): each item with its header, then the delimiter. */
    private static byte[] encapsulated(Fragments f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] item : f.items()) {
            header.clear();
            header.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(item.length);
            out.write(header.array(), 0, 8);
            out.write(item, 0, item.length);
        }
        header.clear();
        header.putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0);
        out.write(header.array(), 0, 8);
        return out.toByteArray();
    }

    private static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private void indent(int level) {
        JsonWriter.indent(sb, level);
    }
}
