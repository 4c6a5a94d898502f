package org.dicomsec.data;

/**
 * One entry of the PS3.6 data dictionary.
 *
 * @param tag     the tag; for a repeating-group entry (50xx, 60xx, ...) the tag
 *                with the varying bits set to zero, and {@code mask} the bits that are fixed
 * @param mask    bits of the tag that must match ({@code 0xFFFFFFFF} for an ordinary entry)
 * @param vr      the VR; for entries PS3.6 lists with several VRs ("US or SS", "OB or OW")
 *                the one used when nothing else decides (the first listed); null for the
 *                item and delimitation tags (FFFE,E000/E00D/E0DD), which have no VR
 * @param altVr   the second VR PS3.6 allows, or null
 * @param vm      the value multiplicity as PS3.6 writes it ("1", "1-n", "2-2n", ...)
 * @param keyword the PS3.6 keyword
 * @param name    the attribute name, made from the keyword by splitting its words
 *                ("SOPClassUID" gives "SOP Class UID"): the generator's source has
 *                keywords only, so PS3.6's punctuation ("X-Ray") is not restored
 * @param retired true when PS3.6 marks the attribute retired
 */
public record DictionaryEntry(int tag, int mask, VR vr, VR altVr, String vm, String keyword, String name,
                              boolean retired) {

    /** True when {@code t} is this entry's tag or, for a repeating entry, one of its tags. */
    public boolean matches(int t) {
        return (t & mask) == tag;
    }

    /** True for an entry of a repeating group or element (PS3.5 7.6: 50xx, 60xx ...). */
    public boolean isRepeating() {
        return mask != 0xFFFFFFFF;
    }
}
