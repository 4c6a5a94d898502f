package org.dicomsec.storage.store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.dicomsec.storage.Authorization;
import org.dicomsec.storage.Authorizer;
import org.dicomsec.storage.Certification;
import org.dicomsec.storage.OriginalCreator;
import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.TestData;

/**
 * The process {@link StoreCrashTest} kills: stores, authorizes and deletes
 * instances in a loop and prints a line only after the operation returned,
 * which is what it would have reported to a peer. Every other original and
 * every copy is received as a network reception stores it (streamed into an
 * incoming file, read back while forced, {@link InstanceStore#commitReceived}).
 */
public final class CrashChild {

    private CrashChild() {
    }

    /** Receives {@code ds} as a network reception does: streamed into an incoming file, read back while forced. */
    private static StoredInstance receive(InstanceStore store, Dataset ds, Optional<SopInstanceStatus> status,
                                          Provenance from) throws Exception {
        return CommitReceivedTest.receive(store, ds, status, from, CommitReceivedTest.MATCHING, null);
    }

    public static void main(String[] args) throws Exception {
        InstanceStore store = InstanceStore.open(Path.of(args[0]));
        PrintStream out = System.out;
        out.println("OPEN " + store.list().size());
        out.flush();
        Authorizer authorizer = Authorizer.of(Set.of("dr"));
        Provenance from = new Provenance("crash-parent", "local");
        for (int i = 0; i < 100_000; i++) {
            Dataset ds = OriginalCreator.createOriginal(TestData.ctImage(TestData.newUid()),
                    Certification.now("EQ-CRASH"), null);
            String uid = ds.getString(Tag.SOPInstanceUID);
            StoredInstance si = i % 2 == 0 ? receive(store, ds, Optional.of(SopInstanceStatus.OR), from)
                    : store.store(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, from, false);
            out.println("STORED " + uid + " " + si.digest());
            out.flush();
            if (i % 3 == 1) {
                store.authorize(uid, new Authorization("dr", Certification.now("WS-CRASH")), authorizer);
                out.println("AO " + uid);
                out.flush();
            }
            if (i % 4 == 2) {
                Dataset copy = TestData.ctImage(TestData.newUid());
                copy.setString(Tag.SOPInstanceStatus, VR.CS, "NS");
                String cuid = copy.getString(Tag.SOPInstanceUID);
                receive(store, copy, Optional.of(SopInstanceStatus.NS), from);
                out.println("STORED " + cuid + " copy");
                out.flush();
                store.delete(cuid);
                out.println("DELETED " + cuid);
                out.flush();
            }
        }
    }
}
