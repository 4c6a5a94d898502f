/** Online Electronic Storage Secure Use Profile (PS3.15 A.1): SOP Instance Status, Storage Commitment, the instance store. */
package org.dicomsec.storage;
