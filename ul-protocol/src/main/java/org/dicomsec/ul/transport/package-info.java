/**
 * The transport SPI: how the Upper Layer sees a transport connection, plain or
 * secure, as a pair of byte streams with an authenticated identity. Plain TCP
 * lives here; TLS and ISCL implement the same interfaces in their own modules.
 */
package org.dicomsec.ul.transport;
