/** TLS record ciphers and loopback TLS pairs for throughput estimates ({@code org.dicomsec.ul.bench}). */
package org.dicomsec.tls.bench;
