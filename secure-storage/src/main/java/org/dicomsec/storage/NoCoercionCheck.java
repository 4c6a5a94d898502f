package org.dicomsec.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Element;
import org.dicomsec.data.Sequence;
import org.dicomsec.data.Tag;

/**
 * Rules g and h of PS3.15 A.1.1 as a check: compares the data set that was
 * sent with the one that was stored element by element, at every depth,
 * private elements included, values byte for byte, and reports every
 * difference other than the ones the rules allow: the four controlled
 * attributes and (0100,0000) at the top level.
 */
public final class NoCoercionCheck {

    private NoCoercionCheck() {
    }

    /** Every difference between {@code a} and {@code b}, in tag order, depth first. */
    public static List<Difference> diff(Dataset a, Dataset b) {
        List<Difference> out = new ArrayList<>();
        diff(a, b, "", 0, out);
        return out;
    }

    /** Rules g/h: the differences between sent and stored that the rules do not allow (empty when conforming). */
    public static List<Difference> violations(Dataset sent, Dataset stored) {
        List<Difference> out = new ArrayList<>();
        for (Difference d : diff(sent, stored)) {
            if (d.depth() != 0 || !ControlledChanges.isAllowedChange(d.tag())) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * Rules g/h: throws when {@code stored} differs from {@code sent} in anything
     * but the allowed attributes.
     */
    public static void requireNoCoercion(Dataset sent, Dataset stored) throws ProfileViolationException {
        List<Difference> v = violations(sent, stored);
        if (!v.isEmpty()) {
            throw new ProfileViolationException('h', v.size() + " attribute(s) changed besides SOP Instance Status"
                    + " and its companions, first: " + v.get(0));
        }
    }

    private static void diff(Dataset a, Dataset b, String prefix, int depth, List<Difference> out) {
        List<Element> ea = a.elements();
        List<Element> eb = b.elements();
        int i = 0;
        int j = 0;
        while (i < ea.size() || j < eb.size()) {
            Element x = i < ea.size() ? ea.get(i) : null;
            Element y = j < eb.size() ? eb.get(j) : null;
            int c = x == null ? 1 : y == null ? -1 : Tag.compare(x.tag(), y.tag());
            if (c < 0) {
                out.add(new Difference(prefix + Tag.toString(x.tag()), x.tag(), depth, Difference.Kind.REMOVED));
                i++;
            } else if (c > 0) {
                out.add(new Difference(prefix + Tag.toString(y.tag()), y.tag(), depth, Difference.Kind.ADDED));
                j++;
            } else {
                compare(x, y, prefix + Tag.toString(x.tag()), depth, out);
                i++;
                j++;
            }
        }
    }

    private static void compare(Element x, Element y, String path, int depth, List<Difference> out) {
        if (x.vr() != y.vr()) {
            // reported, and the values compared still: an implicit VR syntax carries no VR to change
            out.add(new Difference(path, x.tag(), depth, Difference.Kind.VR_CHANGED));
        }
        if (x.isSequence() || y.isSequence()) {
            if (!x.isSequence() || !y.isSequence() || x.sequence().size() != y.sequence().size()) {
                out.add(new Difference(path, x.tag(), depth, Difference.Kind.ITEMS_CHANGED));
                return;
            }
            Sequence sa = x.sequence();
            Sequence sb = y.sequence();
            for (int k = 0; k < sa.size(); k++) {
                diff(sa.get(k), sb.get(k), path + "[" + k + "]/", depth + 1, out);
            }
        } else if (x.isFragments() || y.isFragments()) {
            if (!x.isFragments() || !y.isFragments() || !x.fragments().equals(y.fragments())) {
                out.add(new Difference(path, x.tag(), depth, Difference.Kind.FRAGMENTS_CHANGED));
            }
        } else if (!Arrays.equals(x.bytes(false), y.bytes(false))) {
            out.add(new Difference(path, x.tag(), depth, Difference.Kind.VALUE_CHANGED));
        }
    }
}
