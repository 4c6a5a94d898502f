/** ISCL Secure Transport Connection Profile (PS3.15 B.2): see docs/iscl-wire-format.md. */
package org.dicomsec.iscl;
