package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.dicomsec.data.UID;
import org.dicomsec.ul.DicomFiles;
import org.dicomsec.ul.net.DicomServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dicomsec echo, store and scp against each other over loopback TCP. */
class NetworkCommandsTest {
    @TempDir
    Path tmp;

    DicomServer scp(Path dir, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--port", "0", "--dir", dir.toString(), "--aet", "ARCH",
                "--timeout", "5", "-q"));
        args.addAll(List.of(more));
        return ScpCommand.start(ScpCommand.OPTIONS.parse(args.toArray(String[]::new)),
                new PrintStream(new ByteArrayOutputStream()));
    }

    static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            // the SCP's staging folder (empty files made for the next instances) is not an instance
            return s.filter(p -> !p.getFileName().toString().equals(org.dicomsec.storage.folder.FolderScp.STAGING))
                    .sorted().toList();
        }
    }

    @Test
    void echoPrintsNegotiatedParametersAndRoundTrip() throws Exception {
        try (DicomServer s = scp(tmp.resolve("in"))) {
            CliRun r = CliRun.of("echo", "--aec", "ARCH", "--aet", "TESTER", "127.0.0.1:" + s.localPort());
            assertEquals(0, r.status(), r.toString());
            assertTrue(r.out().contains("association TESTER -> ARCH"), r.toString());
            assertTrue(r.out().contains("maximum PDU length: ours 65530, peer's 65530"), r.toString());
            assertTrue(r.out().contains("Verification accepted, 1.2.840.10008.1.2"), r.toString());
            assertTrue(r.out().matches("(?s).*C-ECHO: 0x0000 Success, round trip [0-9.]+ ms.*"), r.toString());
        }
    }

    @Test
    void echoWithWrongCalledTitleIsRejected() throws Exception {
        try (DicomServer s = scp(tmp.resolve("in"))) {
            CliRun r = CliRun.of("echo", "--aec", "NOBODY", "127.0.0.1:" + s.localPort());
            assertEquals(1, r.status(), r.toString());
            assertTrue(r.err().contains("rejected-permanent") && r.err().contains("called-AE-title-not-recognized"),
                    r.toString());
            assertTrue(r.err().contains("(this side called NOBODY; the peer's AE title is another: give it with --aec)"),
                    r.toString());
        }
    }

    /** A peer that takes only some calling AE titles: store says which title it sent and the option. */
    @Test
    void storeWithACallingTitleThePeerDoesNotKnowSaysWhich() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        NetFiles.write(src, "1.2.826.0.1.3680043.2.1125.8.1", org.dicomsec.data.UID.ExplicitVRLittleEndian, 100);
        DicomServer s = DicomServer.builder(org.dicomsec.ul.transport.PlainTcp.acceptor(
                        java.net.InetAddress.getLoopbackAddress(), 0))
                .policy(org.dicomsec.ul.AcceptorPolicy.builder().callingAeTitles("MODALITY")
                        .anyAbstractSyntax(org.dicomsec.data.UID.ExplicitVRLittleEndian).build()).build();
        s.start();
        try {
            CliRun r = CliRun.of("store", "--aet", "WORKSTATION", "127.0.0.1:" + s.localPort(), src.toString());
            assertEquals(1, r.status(), r.toString());
            assertTrue(r.err().contains("calling-AE-title-not-recognized (this side's AE title WORKSTATION is not one "
                    + "the peer accepts: the peer must know it, or give another with --aet)"), r.toString());
            CliRun known = CliRun.of("store", "--aet", "MODALITY", "127.0.0.1:" + s.localPort(), src.toString());
            assertFalse(known.err().contains("association rejected"), "the title it knows: " + known);
        } finally {
            s.close();
        }
    }

    @Test
    void storeSendsFoldersRecursivelyAndScpKeepsDataSetsIdentical() throws Exception {
        Path src = tmp.resolve("src");
        Path a = NetFiles.write(src, "1.2.826.0.1.3680043.2.1125.5.1", UID.ExplicitVRLittleEndian, 50_000);
        Path b = NetFiles.write(src.resolve("sub/deeper"), "1.2.826.0.1.3680043.2.1125.5.2", UID.ImplicitVRLittleEndian,
                70_000);
        Path c = NetFiles.write(src.resolve("sub"), "1.2.826.0.1.3680043.2.1125.5.3", UID.ExplicitVRBigEndian, 1000);
        Files.writeString(src.resolve("notes.txt"), "not DICOM");
        Path out = tmp.resolve("received");
        try (DicomServer s = scp(out)) {
            CliRun r = CliRun.of("store", "--aec", "ARCH", "--max-pdu", "8192", "127.0.0.1:" + s.localPort(),
                    src.toString());
            assertEquals(0, r.status(), r.toString());
            assertTrue(r.out().contains("stored 3 of 3 files"), r.toString());
            assertTrue(r.out().contains("1 skipped"), r.toString());
            assertFalse(r.err().contains("\r"), "no progress bar without a terminal");
        }
        List<Path> got = list(out);
        assertEquals(3, got.size(), got.toString());
        for (Path f : List.of(a, b, c)) {
            DicomFiles.Info info = DicomFiles.inspect(f);
            Path stored = out.resolve(info.sopInstanceUid() + ".dcm");
            DicomFiles.Info back = DicomFiles.inspect(stored);
            assertEquals(info.sopClassUid(), back.sopClassUid());
            assertEquals(info.transferSyntaxUid(), back.transferSyntaxUid());
            assertArrayEquals(NetFiles.dataSet(f), NetFiles.dataSet(stored), f.toString());
        }
    }

    /** A file-set as on a CD (pydicom's, with its DICOMDIRs): the images go, the DICOMDIRs are named and left out. */
    @Test
    void storeOfAFileSetSendsItsImagesAndSkipsItsDicomdirs() throws Exception {
        Path fileSet = DicomDirCopyTest.pydicomFile("DICOMDIR").getParent();
        List<Path> dicomdirs;
        try (Stream<Path> all = Files.walk(fileSet)) {
            dicomdirs = all.filter(f -> f.getFileName().toString().startsWith("DICOMDIR")).sorted().toList();
        }
        Path out = tmp.resolve("received");
        CliRun r;
        try (DicomServer s = scp(out)) {
            r = CliRun.of("store", "--aec", "ARCH", "127.0.0.1:" + s.localPort(), fileSet.toString());
            // and a requestor that proposes a DICOMDIR's SOP class is refused it
            org.dicomsec.ul.Association a = org.dicomsec.ul.Association.request(
                    org.dicomsec.ul.transport.PlainTcp.connector(),
                    new java.net.InetSocketAddress("127.0.0.1", s.localPort()),
                    org.dicomsec.ul.AssociationRequest.builder("ARCH", "SCU")
                            .presentationContext("1.2.840.10008.1.3.10", UID.ExplicitVRLittleEndian)
                            .presentationContext(UID.CTImageStorage, UID.ExplicitVRLittleEndian).build());
            try {
                assertEquals(org.dicomsec.ul.pdu.PresentationContextAcItem.RESULT_ABSTRACT_SYNTAX_NOT_SUPPORTED,
                        a.presentationContexts().get(1).result());
                assertTrue(a.presentationContexts().get(3).accepted());
            } finally {
                a.release();
            }
        }
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains(" 0 failed"), r.toString());
        for (Path d : dicomdirs) {
            assertTrue(r.err().contains("skipped " + d + ": a DICOMDIR (the directory of a file-set, PS3.10 8.6)"),
                    d + "\n" + r);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("stored (\\d+) of \\1 files").matcher(r.out());
        assertTrue(m.find(), r.toString());
        int stored = Integer.parseInt(m.group(1));
        assertTrue(stored > 0, r.toString());
        assertEquals(stored, list(out).size());
    }

    @Test
    void scpAnswersFailureAndKeepsNothingWhenItCannotStore() throws Exception {
        Path out = tmp.resolve("vanishing");
        Path src = tmp.resolve("src");
        NetFiles.write(src, "1.2.826.0.1.3680043.2.1125.6.1", UID.ExplicitVRLittleEndian, 1000);
        try (DicomServer s = scp(out)) {
            // the folder is gone (its staging folder with it): no file can be created
            try (Stream<Path> staged = Files.list(out.resolve(org.dicomsec.storage.folder.FolderScp.STAGING))) {
                for (Path p : staged.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(out.resolve(org.dicomsec.storage.folder.FolderScp.STAGING));
            Files.delete(out);
            CliRun r = CliRun.of("store", "--aec", "ARCH", "127.0.0.1:" + s.localPort(), src.toString());
            assertEquals(1, r.status(), r.toString());
            assertTrue(r.err().contains("0xA700"), r.toString());
            assertTrue(r.out().contains("stored 0 of 1 files"), r.toString());
        }
        assertFalse(Files.exists(out), "nothing was kept");
    }

    @Test
    void usageErrors() {
        assertEquals(2, CliRun.of("echo").status());
        assertEquals(2, CliRun.of("echo", "no-port").status());
        assertEquals(2, CliRun.of("echo", "host:99999").status());
        assertEquals(2, CliRun.of("echo", "--aet", "FAR_TOO_LONG_AE_TITLE", "127.0.0.1:104").status());
        assertEquals(2, CliRun.of("store", "127.0.0.1:104").status());
        assertEquals(2, CliRun.of("scp", "--port", "0").status());
        CliRun help = CliRun.of("store", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("--max-pdu"), help.toString());
    }

    /** A file error decides the outcome (exit status 2), not the peer that would have refused the connection. */
    @Test
    void aFileErrorWinsOverARefusedConnection() throws Exception {
        int closed;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            closed = ss.getLocalPort();
        }
        CliRun missing = CliRun.of("store", "127.0.0.1:" + closed, tmp.resolve("no-such").toString());
        assertEquals(2, missing.status(), missing.toString());
        assertTrue(missing.err().contains("no-such: no such file or folder"), missing.toString());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "not DICOM");
        CliRun none = CliRun.of("store", "127.0.0.1:" + closed, empty.toString());
        assertEquals(2, none.status(), none.toString());
        assertTrue(none.err().contains("no DICOM file to send"), none.toString());
        // with a file to send, the refused connection is the error, the peer named once
        Path one = NetFiles.write(tmp.resolve("one"), "1.2.826.0.1.3680043.2.1125.9.1", UID.ExplicitVRLittleEndian, 100);
        CliRun refused = CliRun.of("store", "127.0.0.1:" + closed, one.toString());
        assertEquals(1, refused.status(), refused.toString());
        assertTrue(refused.err().startsWith("dicomsec store: cannot open a transport connection: cannot connect to 127.0.0.1:"
                + closed + ": "), refused.toString());
        assertEquals(1, refused.err().split("127\\.0\\.0\\.1:" + closed, -1).length - 1, refused.toString());
    }

    @Test
    void connectionRefusedIsAOneLineFailure() throws Exception {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        CliRun r = CliRun.of("echo", "127.0.0.1:" + port);
        assertEquals(1, r.status(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
    }
}
