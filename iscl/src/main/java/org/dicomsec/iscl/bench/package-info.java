/** ISCL record primitives and loopback ISCL pairs for throughput estimates ({@code org.dicomsec.ul.bench}). */
package org.dicomsec.iscl.bench;
