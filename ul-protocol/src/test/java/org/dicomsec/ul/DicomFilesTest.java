package org.dicomsec.ul;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFileWriter;
import org.dicomsec.data.DicomWriter;
import org.dicomsec.data.FileMetaInformation;
import org.dicomsec.data.UID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link DicomFiles} reads of a PS3.10 file, and the data set stream the P-DATA writer reads. */
class DicomFilesTest {
    @TempDir
    Path dir;

    private Path write(Dataset ds) throws IOException {
        Path f = dir.resolve("a.dcm");
        try (OutputStream out = Files.newOutputStream(f)) {
            DicomWriter w = DicomFileWriter.open(out, FileMetaInformation.createFor(ds, UID.ExplicitVRLittleEndian));
            w.writeDataset(ds);
            w.finish();
        }
        return f;
    }

    @Test
    void dataSetStreamCountsWhatIsLeftAndGivesTheFileTail() throws IOException {
        Dataset ds = TestData.instance("1.2.3.4.5", 40_000, 7);
        Path f = write(ds);
        DicomFiles.Info info = DicomFiles.inspect(f);
        assertEquals(UID.SecondaryCaptureImageStorage, info.sopClassUid());
        assertEquals("1.2.3.4.5", info.sopInstanceUid());
        assertEquals(UID.ExplicitVRLittleEndian, info.transferSyntaxUid());
        byte[] file = Files.readAllBytes(f);
        assertEquals(file.length, info.length());
        int left = (int) (info.length() - info.dataSetOffset());
        try (InputStream in = DicomFiles.openDataSet(f, info)) {
            assertEquals(left, in.available());
            byte[] first = in.readNBytes(1000);
            assertEquals(left - 1000, in.available());
            assertEquals(file[(int) info.dataSetOffset() + 1000] & 0xFF, in.read());
            assertEquals(left - 1001, in.available());
            assertEquals(500, in.skip(500));
            byte[] rest = in.readAllBytes();
            assertEquals(0, in.available());
            assertEquals(-1, in.read());
            byte[] expect = java.util.Arrays.copyOfRange(file, (int) info.dataSetOffset(), file.length);
            assertArrayEquals(java.util.Arrays.copyOfRange(expect, 0, 1000), first);
            assertArrayEquals(java.util.Arrays.copyOfRange(expect, 1501, expect.length), rest);
        }
        assertArrayEquals(TestData.encode(ds, UID.ExplicitVRLittleEndian),
                java.util.Arrays.copyOfRange(file, (int) info.dataSetOffset(), file.length));
    }

    @Test
    void collectWalksFoldersInNameOrderAndSkipsWhatIsNotDicom() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("study/series"));
        Path b = Files.move(write(TestData.instance("1.2.3.4.2", 100, 2)), sub.resolve("b.dcm"));
        Path c = Files.move(write(TestData.instance("1.2.3.4.3", 100, 3)), dir.resolve("study/a.dcm"));
        Path a = write(TestData.instance("1.2.3.4.1", 100, 1));
        Path text = Files.writeString(sub.resolve("notes.txt"), "not DICOM");
        List<Path> skipped = new ArrayList<>();
        List<DicomFiles.Found> found = DicomFiles.collect(List.of(dir.resolve("study"), a),
                (f, e) -> skipped.add(f));
        assertEquals(List.of(c, b, a), found.stream().map(DicomFiles.Found::file).toList());
        assertEquals(List.of("1.2.3.4.3", "1.2.3.4.2", "1.2.3.4.1"),
                found.stream().map(f -> f.info().sopInstanceUid()).toList());
        assertEquals(List.of(text), skipped);
    }

    @Test
    void collectFollowsALinkToAFileButDoesNotWalkALinkedFolder() throws IOException {
        Path study = Files.createDirectories(dir.resolve("study"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path real = Files.move(write(TestData.instance("1.2.3.4.7", 100, 7)), elsewhere.resolve("x.dcm"));
        Path own = Files.move(write(TestData.instance("1.2.3.4.8", 100, 8)), study.resolve("b.dcm"));
        Path link = Files.createSymbolicLink(study.resolve("a.dcm"), real);
        Files.createSymbolicLink(study.resolve("c"), elsewhere);
        Files.createSymbolicLink(study.resolve("d.dcm"), dir.resolve("gone.dcm")); // dangling: not a file
        List<Path> skipped = new ArrayList<>();
        List<DicomFiles.Found> found = DicomFiles.collect(List.of(study), (f, e) -> skipped.add(f));
        assertEquals(List.of(link, own), found.stream().map(DicomFiles.Found::file).toList());
        assertEquals(List.of("1.2.3.4.7", "1.2.3.4.8"), found.stream().map(f -> f.info().sopInstanceUid()).toList());
        assertEquals(List.of(), skipped);
    }

    @Test
    void collectWalksAFolderNamedThroughALink() throws IOException {
        Path study = Files.createDirectories(dir.resolve("study/series"));
        Path b = Files.move(write(TestData.instance("1.2.3.4.2", 100, 2)), study.resolve("b.dcm"));
        Path a = Files.move(write(TestData.instance("1.2.3.4.1", 100, 1)), dir.resolve("study/a.dcm"));
        Path link = Files.createSymbolicLink(dir.resolve("latest"), dir.resolve("study"));
        for (Path named : List.of(link, Path.of(link + "/"))) {
            List<DicomFiles.Found> found = DicomFiles.collect(List.of(named), (f, e) -> { });
            assertEquals(List.of(link.resolve(dir.resolve("study").relativize(a)),
                    link.resolve(dir.resolve("study").relativize(b))),
                    found.stream().map(DicomFiles.Found::file).toList(), named.toString());
        }
    }

    @Test
    void collectLeavesOutADicomdirAndSaysWhy() throws IOException {
        Path study = Files.createDirectories(dir.resolve("cd/IMAGES"));
        Path image = Files.move(write(TestData.instance("1.2.3.4.1", 100, 1)), study.resolve("IM0"));
        Dataset directory = new Dataset(); // a file-set's directory: meta information, then its records
        directory.setString(0x00041130, org.dicomsec.data.VR.CS, "CD");
        Path dicomdir = dir.resolve("cd/DICOMDIR");
        try (OutputStream out = Files.newOutputStream(dicomdir)) {
            DicomWriter w = DicomFileWriter.open(out, FileMetaInformation.create("1.2.840.10008.1.3.10", "1.2.3.4.99",
                    UID.ExplicitVRLittleEndian));
            w.writeDataset(directory);
            w.finish();
        }
        assertEquals("1.2.840.10008.1.3.10", DicomFiles.inspect(dicomdir).sopClassUid()); // inspect reads it still
        List<Path> skipped = new ArrayList<>();
        List<Exception> why = new ArrayList<>();
        List<DicomFiles.Found> found = DicomFiles.collect(List.of(dir.resolve("cd")), (f, e) -> {
            skipped.add(f);
            why.add(e);
        });
        assertEquals(List.of(image), found.stream().map(DicomFiles.Found::file).toList());
        assertEquals(List.of(dicomdir), skipped);
        assertEquals(DicomFiles.FileSetDirectory.class, why.get(0).getClass());
        assertEquals(dicomdir + ": a DICOMDIR (the directory of a file-set, PS3.10 8.6), not an instance to store",
                why.get(0).getMessage());
    }

    @Test
    void collectSkipsAFifoWithoutOpeningIt() throws Exception {
        Path study = Files.createDirectories(dir.resolve("study"));
        Path a = Files.move(write(TestData.instance("1.2.3.4.1", 100, 1)), study.resolve("a.dcm"));
        Path fifo = study.resolve("b.pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo made no FIFO");
        // opening a FIFO for reading waits for a writer: a walk that opened it would never return
        List<Path> skipped = new ArrayList<>();
        List<DicomFiles.Found> found = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> DicomFiles.collect(List.of(study), (f, e) -> skipped.add(f)));
        assertEquals(List.of(a), found.stream().map(DicomFiles.Found::file).toList());
        assertEquals(List.of(), skipped);
    }

    @Test
    void collectSaysWhichFolderItCannotRead() throws IOException {
        Path locked = Files.createDirectories(dir.resolve("study/locked"));
        Files.move(write(TestData.instance("1.2.3.4.1", 100, 1)), locked.resolve("a.dcm"));
        locked.toFile().setReadable(false, false);
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(locked.toFile().canRead(), "root reads any folder");
            java.nio.file.AccessDeniedException e = assertThrows(java.nio.file.AccessDeniedException.class,
                    () -> DicomFiles.collect(List.of(dir.resolve("study")), (f, x) -> { }));
            assertEquals(locked.toString(), e.getFile());
        } finally {
            locked.toFile().setReadable(true, false);
        }
    }

    @Test
    void collectRefusesAPathThatDoesNotExist() throws IOException {
        Path a = write(TestData.instance("1.2.3.4.1", 100, 1));
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> DicomFiles.collect(List.of(a, dir.resolve("absent")), (f, x) -> { }));
        assertEquals(dir.resolve("absent").toString(), e.getFile());
    }
}
