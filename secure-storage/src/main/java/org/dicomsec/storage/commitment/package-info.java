/**
 * Storage Commitment Push Model (PS3.4 annex J): the N-ACTION and
 * N-EVENT-REPORT data sets, the SCP's evaluation over the instance store, and
 * the sender's rule d.5 once a transfer of an original is confirmed.
 */
package org.dicomsec.storage.commitment;
