/**
 * The durable instance store of the Online Electronic Storage profile: one
 * Part 10 file per SOP Instance written to a temporary file, forced, renamed
 * atomically; an index record per instance written the same way; recovery on
 * open; rule c (one holder, no deletion of an original) enforced.
 */
package org.dicomsec.storage.store;
