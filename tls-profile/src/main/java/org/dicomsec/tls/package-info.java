/** Basic TLS, AES and BCP 195 Secure Transport Connection Profiles (PS3.15 B.1 and later editions) on BouncyCastle TLS. */
package org.dicomsec.tls;
