/**
 * Quick throughput estimates on this machine ({@code dicomsec bench}), JDK only:
 * the timing of crypto tasks ({@link org.dicomsec.ul.bench.CryptoThroughput},
 * with {@code openssl speed} as a reference), P-DATA-TF streaming over any
 * transport ({@link org.dicomsec.ul.bench.PDataThroughput}) and C-STORE over
 * a whole association ({@link org.dicomsec.ul.bench.CStoreThroughput}). The
 * crypto tasks and the secure loopback pairs come from the modules that own them
 * ({@code org.dicomsec.iscl.bench}, {@code org.dicomsec.tls.bench}). A quick
 * estimate, not a benchmark: the JMH figures are in docs/benchmarks.md.
 */
package org.dicomsec.ul.bench;
