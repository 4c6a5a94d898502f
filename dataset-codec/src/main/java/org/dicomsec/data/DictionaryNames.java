package org.dicomsec.data;

/**
 * A readable attribute name made from a PS3.6 keyword. The generator's source
 * (dicom.dic) carries keywords only, and PS3.6 builds keywords from names by
 * dropping spaces and punctuation (PS3.6 section 6), so splitting the keyword
 * at its word boundaries gives the name up to punctuation: "SOPClassUID" gives
 * "SOP Class UID" (PS3.6: "SOP Class UID"), "XRay3DAcquisitionSequence" gives
 * "X Ray3D Acquisition Sequence" (PS3.6: "X-Ray 3D Acquisition Sequence").
 */
final class DictionaryNames {

    private DictionaryNames() {
    }

    static String nameOf(String keyword) {
        StringBuilder sb = new StringBuilder(keyword.length() + 8);
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            if (i > 0 && Character.isUpperCase(c)) {
                char prev = keyword.charAt(i - 1);
                boolean nextLower = i + 1 < keyword.length() && Character.isLowerCase(keyword.charAt(i + 1));
                // "ClassUID": lower then upper; "SOPClass": the last capital of a run starts a word
                if (Character.isLowerCase(prev) || (Character.isUpperCase(prev) && nextLower)) {
                    sb.append(' ');
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
