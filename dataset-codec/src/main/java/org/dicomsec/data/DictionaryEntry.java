package org.dicomsec.data;

/**
 * One entry of the PS3.6 data dictionary.
 *
 * @param tag     the tag; for a repeating-group entry (50xx, 60xx, ...) the tag
 *                with the masked digits set to zero, and {@code mask} the bits that vary
 * @param mask    bits of the tag that must match ({@code 0xFFFFFFFF} for an ordinary entry)
 * @param vr      the VR; for entries PS3.6 lists with several VRs ("US or SS", "OB or OW")
 *                the one used when nothing else decides (the first listed)
 * @param altVr   the second VR PS3.6 allows, or null
 * @param vm      the value multiplicity as PS3.6 writes it ("1", "1-n", "2-2n", ...)
 * @param keyword the PS3.6 keyword
 * @param name    the PS3.6 attribute name
 * @param retired true when PS3.6 marks the attribute retired
 */
public record DictionaryEntry(int tag, int mask, VR vr, VR altVr, String vm, String keyword, String name,
                              boolean retired) {
}
