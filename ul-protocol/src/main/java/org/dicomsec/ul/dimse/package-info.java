/** PS3.7: DIMSE command sets and messages (C-ECHO, C-STORE, N-ACTION, N-EVENT-REPORT), P-DATA fragmentation. */
package org.dicomsec.ul.dimse;
