/**
 * The profile's sending and receiving sides per instance, between the
 * network (the Storage and Storage Commitment SCP/SCU built on the Upper
 * Layer) and the rules, the store and the audit trail.
 */
package org.dicomsec.storage.service;
