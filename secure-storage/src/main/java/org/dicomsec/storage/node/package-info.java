/**
 * An Application Entity of the Online Electronic Storage profile kept in one
 * folder ({@link org.dicomsec.storage.node.StorageNode}): its instance store,
 * audit trail and Storage Commitment journal in a fixed layout, and its SCP and
 * SCU builders preset with them.
 */
package org.dicomsec.storage.node;
