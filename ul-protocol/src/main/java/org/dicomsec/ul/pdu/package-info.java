/** PS3.8 section 9.3: one immutable type per PDU and per item, a bounded decoder and an encoder. */
package org.dicomsec.ul.pdu;
