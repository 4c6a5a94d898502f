package org.dicomsec.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The public data dictionary of PS3.6 (registry of data elements, table 6-1,
 * and the command fields of PS3.7 table E.1-1), loaded lazily from the compact
 * resource {@code org/dicomsec/data/dictionary.tsv} that
 * {@code tools/GenDictionary.java} generates from DCMTK's dicom.dic (see
 * tools/README.md: where it comes from, how to regenerate it).
 *
 * <p>CONTRACT (fixed; the codec calls it): {@link #standard()}, {@link #lookup(int)},
 * {@link #vrOf(int)}, {@link #tagOf(String)}. Group length tags (gggg,0000) are UL,
 * private creator elements (gggg,0010-00FF with odd gggg) are LO, other private
 * tags are unknown (null / UN).
 *
 * <p>Repeating groups and elements (50xx, 60xx, 7Fxx, (0020,31xx), (0028,04x0),
 * (1000,xxx0) ...) are entries with a mask; an exact entry wins over a masked one.
 * The item and delimitation tags (FFFE,E000/E00D/E0DD) have entries whose
 * {@link DictionaryEntry#vr()} is null, as PS3.6 gives them no VR; {@link #vrOf(int)}
 * says UN for them.
 *
 * <p>Lookups are a binary search over a sorted int array (exact tags), then a
 * scan of the ~120 masked entries; the dictionary is immutable and thread-safe.
 */
public final class ElementDictionary {

    /** Keyword of the entries made for group lengths (gggg,0000) that PS3.6 does not list. */
    public static final String GROUP_LENGTH_KEYWORD = "GroupLength";
    /** Keyword of the entries made for private creator data elements (PS3.5 7.8.1). */
    public static final String PRIVATE_CREATOR_KEYWORD = "PrivateCreator";

    private static final class Holder {
        static final ElementDictionary STANDARD = new ElementDictionary(DictionaryResource.load());
    }

    /** Exact tags, sorted, each XOR 0x80000000 so that signed order is the unsigned tag order. */
    private final int[] keys;
    private final DictionaryEntry[] exact;
    private final DictionaryEntry[] masked;
    private final Map<String, DictionaryEntry> byKeyword;
    private final List<DictionaryEntry> all;

    private ElementDictionary(List<DictionaryEntry> entries) {
        List<DictionaryEntry> ex = new ArrayList<>(entries.size());
        List<DictionaryEntry> ma = new ArrayList<>();
        Map<String, DictionaryEntry> kw = new HashMap<>(entries.size() * 2);
        for (DictionaryEntry e : entries) {
            (e.mask() == 0xFFFFFFFF ? ex : ma).add(e);
            if (kw.put(e.keyword(), e) != null) {
                throw new IllegalStateException("keyword " + e.keyword() + " twice in the dictionary");
            }
        }
        ex.sort((a, b) -> Integer.compareUnsigned(a.tag(), b.tag()));
        this.exact = ex.toArray(new DictionaryEntry[0]);
        this.keys = new int[exact.length];
        for (int i = 0; i < exact.length; i++) {
            keys[i] = exact[i].tag() ^ 0x80000000;
            if (i > 0 && keys[i] == keys[i - 1]) {
                throw new IllegalStateException(String.format("tag %08X twice in the dictionary", exact[i].tag()));
            }
        }
        this.masked = ma.toArray(new DictionaryEntry[0]);
        this.byKeyword = kw;
        this.all = Collections.unmodifiableList(new ArrayList<>(entries));
    }

    /** The dictionary of PS3.6; loaded on first use. */
    public static ElementDictionary standard() {
        return Holder.STANDARD;
    }

    /**
     * The entry for {@code tag}, repeating groups included; null when the tag is
     * not in PS3.6. A group length (gggg,0000) not listed in PS3.6 gets an entry
     * {@value #GROUP_LENGTH_KEYWORD} of VR UL (PS3.5 7.2), and a private creator
     * (odd gggg, element 0010-00FF) an entry {@value #PRIVATE_CREATOR_KEYWORD} of
     * VR LO (PS3.5 7.8.1); other private tags give null.
     */
    public DictionaryEntry lookup(int tag) {
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        if ((group & 1) != 0) {
            if (element == 0) {
                return groupLength(tag);
            }
            if (element >= 0x0010 && element <= 0x00FF) {
                return new DictionaryEntry(tag, 0xFFFFFFFF, VR.LO, null, "1", PRIVATE_CREATOR_KEYWORD,
                        "Private Creator", false);
            }
            return null;
        }
        int i = Arrays.binarySearch(keys, tag ^ 0x80000000);
        if (i >= 0) {
            return exact[i];
        }
        if (element == 0) {
            return groupLength(tag);
        }
        for (DictionaryEntry e : masked) {
            if (e.matches(tag)) {
                return e;
            }
        }
        return null;
    }

    private static DictionaryEntry groupLength(int tag) {
        // PS3.5 7.2: group lengths other than 0000 and 0002 (listed in PS3.6) are retired
        return new DictionaryEntry(tag, 0xFFFFFFFF, VR.UL, null, "1", GROUP_LENGTH_KEYWORD, "Group Length", true);
    }

    /**
     * The VR of {@code tag} for implicit-VR decoding; {@link VR#UN} when unknown
     * (and for the item and delimitation tags, which have none). For tags PS3.6
     * lists with two VRs this is the first ("OB or OW" gives OB; "US or SS" gives US):
     * the caller decides with {@link DictionaryEntry#altVr()} and the data set
     * (PS3.5 Annex A: Pixel Data is OW in Implicit VR Little Endian).
     */
    public VR vrOf(int tag) {
        DictionaryEntry e = lookup(tag);
        return e == null || e.vr() == null ? VR.UN : e.vr();
    }

    /**
     * The tag whose PS3.6 keyword is {@code keyword}; -1 when there is none. For a
     * repeating entry the tag of its first group or element (OverlayData gives 60003000).
     */
    public int tagOf(String keyword) {
        DictionaryEntry e = byKeyword.get(keyword);
        return e == null ? -1 : e.tag();
    }

    /** The entry whose PS3.6 keyword is {@code keyword}, or null. */
    public DictionaryEntry entryOf(String keyword) {
        return byKeyword.get(keyword);
    }

    /** Every entry of the resource (exact and repeating), sorted by tag; unmodifiable. */
    public List<DictionaryEntry> entries() {
        return all;
    }

    /** The number of entries, exact and repeating. */
    public int size() {
        return all.size();
    }
}
