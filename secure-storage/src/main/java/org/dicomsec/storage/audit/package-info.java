/**
 * The audit trail: security events as audit messages in the RFC 3881 / DICOM
 * PS3.15 A.5 XML form, to a file (one message per line) and to a syslog
 * collector (RFC 5424 over UDP).
 */
package org.dicomsec.storage.audit;
