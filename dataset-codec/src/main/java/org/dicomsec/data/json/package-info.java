/**
 * JSON for DICOM: the DICOM JSON Model of PS3.18 Annex F ({@link org.dicomsec.data.json.JsonModel})
 * and the one small JSON writer (RFC 8259) that it and every report of the
 * project use ({@link org.dicomsec.data.json.JsonWriter}). Writing only; JDK only.
 */
package org.dicomsec.data.json;
