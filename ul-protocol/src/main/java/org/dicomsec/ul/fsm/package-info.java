/** PS3.8 section 9.2: the Upper Layer state machine as a table, and the ARTIM timer. */
package org.dicomsec.ul.fsm;
