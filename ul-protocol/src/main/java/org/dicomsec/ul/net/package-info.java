/** The SCP side: {@link org.dicomsec.ul.net.DicomServer}, a bounded pool of workers serving associations. */
package org.dicomsec.ul.net;
