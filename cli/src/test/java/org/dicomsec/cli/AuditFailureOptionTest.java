package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFile;
import org.dicomsec.data.Tag;
import org.dicomsec.data.TransferSyntax;
import org.dicomsec.data.VR;
import org.dicomsec.storage.net.OnlineStorageScp;
import org.dicomsec.storage.store.InstanceStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scp --profile online-storage --audit-failure open|closed} with an audit trail on a full
 * disk ({@code --audit /dev/full}): closed (the default) refuses the store, open stores.
 */
class AuditFailureOptionTest {

    @TempDir
    Path dir;

    private static final OptionParser SCP = ScpCommand.OPTIONS;

    private Path file(String uid) throws Exception {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOPInstanceUID, VR.UI, uid);
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.543.77");
        ds.setBytes(Tag.PixelData, VR.OW, new byte[] {1, 2, 3, 4});
        Path f = dir.resolve(uid + ".dcm");
        DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(f);
        return f;
    }

    private int storeInto(String... policy) throws Exception {
        Path archive = dir.resolve("archive-" + policy.length);
        String[] base = {"--profile", "online-storage", "--port", "0", "--any-sop-class", "--audit", "/dev/full",
            "--dir", archive.toString()};
        String[] args = new String[base.length + policy.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(policy, 0, args, base.length, policy.length);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (OnlineStorageScp scp = OnlineStorageCli.startScp(SCP.parse(args), out)) {
            String uid = "1.2.826.0.1.3680043.10.543.77.1." + policy.length;
            CliRun r = CliRun.of("store", "-q", "127.0.0.1:" + scp.localPort(), file(uid).toString());
            boolean stored = InstanceStore.open(archive).isDurablyStored(uid);
            assertEquals(r.status() == 0, stored, r.toString());
            return r.status();
        }
    }

    @Test
    void fullAuditDisk_closedRefuses_openStores() throws Exception {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "no /dev/full on this system");
        assertEquals(1, storeInto(), "default: closed");
        assertEquals(1, storeInto("--audit-failure", "closed"));
        assertEquals(0, storeInto("--audit-failure", "open", "--workers", "2"));
    }

    @Test
    void otherValue_usageError() {
        UsageException e = assertThrows(UsageException.class, () -> OnlineStorageCli.startScp(SCP.parse(new String[] {
            "--profile", "online-storage", "--port", "0", "--audit-failure", "maybe", "--dir",
            dir.resolve("x").toString()}), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("open or closed"), e.getMessage());
    }
}
