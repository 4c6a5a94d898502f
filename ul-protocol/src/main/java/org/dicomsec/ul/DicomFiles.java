package org.dicomsec.ul;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

import org.dicomsec.data.Dataset;
import org.dicomsec.data.DicomFileReader;
import org.dicomsec.data.DirectoryOffsets;
import org.dicomsec.data.Tag;
import org.dicomsec.data.UID;
import org.dicomsec.data.VR;
import org.dicomsec.ul.dimse.CStoreRsp;

/**
 * What the C-STORE of a PS3.10 file needs: its SOP class and instance UIDs and transfer syntax,
 * and where its data set starts, so that the data set's bytes go to the wire as they are in the file.
 */
public final class DicomFiles {
    private DicomFiles() {
    }

    /**
     * The facts of one file.
     *
     * @param sopClassUid       (0002,0002) or, without meta information, (0008,0016)
     * @param sopInstanceUid    (0002,0003) or (0008,0018)
     * @param transferSyntaxUid (0002,0010), or the one guessed for a bare data set
     * @param dataSetOffset     byte offset of the data set in the file
     * @param length            file length
     */
    public record Info(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, long dataSetOffset,
                       long length) {
    }

    /** A DICOM file {@link #collect} found, with its facts. */
    public record Found(Path file, Info info) {
    }

    /**
     * Why {@link #collect} left out a DICOMDIR: the directory of a file-set (PS3.10 8.6). Its SOP
     * class, Media Storage Directory Storage, is not one of the Storage Service Class (PS3.4
     * Annex B), so no Storage SCP accepts it. A study copied from a CD or a USB stick has one at
     * its root.
     */
    public static final class FileSetDirectory extends IOException {
        private static final long serialVersionUID = 1L;

        FileSetDirectory(Path file) {
            super(file + ": a DICOMDIR (the directory of a file-set, PS3.10 8.6), not an instance to store");
        }
    }

    /**
     * The DICOM files of {@code paths}, in order: a file itself, a folder walked with its regular
     * files in name order. A file that {@link #inspect} cannot read as a DICOM instance is left
     * out and given to {@code skipped} with the reason; so is a DICOMDIR ({@link FileSetDirectory}).
     *
     * @throws NoSuchFileException for a path that does not exist (none of its files inspected)
     */
    public static List<Found> collect(List<Path> paths, BiConsumer<Path, Exception> skipped) throws IOException {
        List<Found> found = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new NoSuchFileException(p.toString());
            }
            List<Path> files = regularFiles(p);
            for (Path f : files) {
                try {
                    Info info = inspect(f);
                    if (DirectoryOffsets.MEDIA_STORAGE_DIRECTORY.equals(info.sopClassUid())) {
                        skipped.accept(f, new FileSetDirectory(f));
                    } else {
                        found.add(new Found(f, info));
                    }
                } catch (IOException | RuntimeException e) {
                    skipped.accept(f, e);
                }
            }
        }
        return found;
    }

    /**
     * The regular files under {@code p} (or {@code p} itself), in name order. A folder the user
     * names is walked even when {@code p} is a link to it; inside it a link is followed to see
     * whether it names a regular file, a linked folder is not walked.
     * <p>
     * Listed with {@link File#list()} and one {@code stat} per entry through {@link File}: a fresh
     * command lists every file of a study before it associates, mostly in the interpreter, and
     * {@link Files#walkFileTree} builds a path, an attributes object and a walker event per entry
     * (a fresh command, 2,000 files listed and sorted: 15 ms against 22 ms, docs/benchmarks.md,
     * "The fresh sender's start").
     */
    private static List<Path> regularFiles(Path p) throws IOException {
        List<Path> files = new ArrayList<>();
        if (p.getFileSystem() != FileSystems.getDefault()) {
            try (var walk = Files.walk(p)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        } else if (Files.isDirectory(p)) {
            list(p.toFile(), files);
        } else if (Files.isRegularFile(p)) {
            files.add(p);
        }
        Collections.sort(files);
        return files;
    }

    private static void list(File folder, List<Path> files) throws IOException {
        String[] names = folder.list();
        if (names == null) {
            throw folder.canRead() ? new IOException(folder + ": cannot list the folder")
                    : new AccessDeniedException(folder.toString());
        }
        for (String name : names) {
            File f = new File(folder, name);
            if (f.isFile()) {
                files.add(f.toPath());
            } else if (f.isDirectory() && !Files.isSymbolicLink(f.toPath())) {
                list(f, files);
            }
        }
    }

    /** Reads the meta information (or the start of a bare data set) of {@code file}. */
    public static Info inspect(Path file) throws IOException {
        Info quick = quickInspect(file);
        return quick != null ? quick : readInspect(file);
    }

    /** The bytes {@link #quickInspect} reads of a file's start. */
    static final int HEAD = 4096;
    /** The {@value #HEAD} bytes of {@link #quickInspect} per thread: a study inspects every file. */
    private static final ThreadLocal<byte[]> HEADS = ThreadLocal.withInitial(() -> new byte[HEAD]);

    /**
     * The facts of a file in the form nearly every file has, from one read of its first
     * {@value #HEAD} bytes; null for anything else (a read error included), which
     * {@link #readInspect} then reads with the codec, with its errors. One open, one length and
     * one read through {@link RandomAccessFile}, no decoder: a fresh command inspects every file of
     * a study before it associates, mostly in the interpreter (docs/benchmarks.md, "The meta
     * information read without the codec").
     */
    private static Info quickInspect(Path file) {
        if (file.getFileSystem() != FileSystems.getDefault()) {
            return null;
        }
        byte[] b = HEADS.get();
        int n = 0;
        long size;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            size = f.length();
            for (int r; n < b.length && (r = f.read(b, n, b.length - n)) > 0; ) {
                n += r;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return quickMeta(b, n, size);
    }

    /**
     * The facts of a file whose first {@code n} bytes are {@code b}, when they hold its whole meta
     * information in the plain form: the preamble, "DICM", and group 0002 in Explicit VR Little
     * Endian, its group length first and right, its elements of the VRs PS3.10 gives them
     * (UL, OB, UI, SH, AE, UR), the SOP class, instance and transfer syntax UIDs present and
     * valid, padded as PS3.5 pads them. Null for any other form: the codec reads those. Where
     * it returns facts, they are those the codec reads ({@code DicomFilesMetaProperties} checks this).
     */
    static Info quickMeta(byte[] b, int n, long size) {
        if (n < 144 || b[128] != 'D' || b[129] != 'I' || b[130] != 'C' || b[131] != 'M'
                || u16(b, 132) != 0x0002 || u16(b, 134) != 0x0000 || b[136] != 'U' || b[137] != 'L'
                || u16(b, 138) != 4) {
            return null;
        }
        long end = 144 + (u16(b, 140) | (long) u16(b, 142) << 16);
        if (end > n) {
            return null;
        }
        int p = 144;
        String cls = null;
        String inst = null;
        String ts = null;
        while (p < end) {
            if (p + 8 > end || u16(b, p) != 0x0002) {
                return null;
            }
            int element = u16(b, p + 2);
            VR vr = VR.ofCode((b[p + 4] & 0xFF) << 8 | (b[p + 5] & 0xFF));
            if (vr != VR.UL && vr != VR.OB && vr != VR.UI && vr != VR.SH && vr != VR.AE && vr != VR.UR) {
                return null;
            }
            long len;
            int at;
            if (vr.hasLongHeader()) {
                if (p + 12 > end) {
                    return null;
                }
                len = u16(b, p + 8) | (long) u16(b, p + 10) << 16;
                at = p + 12;
            } else {
                len = u16(b, p + 6);
                at = p + 8;
            }
            if (at + len > end || vr == VR.UL && len % 4 != 0 || element == 0x0000) {
                return null;
            }
            if (element == 0x0002 || element == 0x0003 || element == 0x0010) {
                String uid = vr == VR.UI ? uid(b, at, (int) len) : null;
                if (uid == null) {
                    return null;
                }
                if (element == 0x0002) {
                    cls = uid;
                } else if (element == 0x0003) {
                    inst = uid;
                } else {
                    ts = uid;
                }
            }
            p = at + (int) len;
        }
        if (cls == null || inst == null || ts == null) {
            return null;
        }
        return new Info(cls, inst, ts, end, size);
    }

    /**
     * A UID value, its padding (trailing NULs and spaces) removed; null unless what is left is a
     * valid UID ({@link UID#isValid}).
     */
    private static String uid(byte[] b, int at, int len) {
        int e = at + len;
        while (e > at && (b[e - 1] == 0 || b[e - 1] == ' ')) {
            e--;
        }
        String uid = new String(b, at, e - at, StandardCharsets.ISO_8859_1);
        return UID.isValid(uid) ? uid : null;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    /** {@link #inspect} through the codec's reader: every form it reads, and its errors. */
    static Info readInspect(Path file) throws IOException {
        // a 4 KiB buffer: only the meta information (or a bare data set's first elements) is read,
        // and a study inspects every file before sending (the 64 KiB of open(Path) each was 131 MB
        // allocated for 2,000 files)
        long size = Files.size(file);
        InputStream raw = Files.newInputStream(file);
        DicomFileReader opened;
        try {
            opened = DicomFileReader.open(new java.io.BufferedInputStream(raw, 4096),
                    org.dicomsec.data.ReadLimits.DEFAULT.withStreamLength(size));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
        try (DicomFileReader r = opened) {
            Dataset fmi = r.fileMetaInformation();
            long offset = r.reader().position();
            String cls = trim(fmi.getString(Tag.MediaStorageSOPClassUID));
            String inst = trim(fmi.getString(Tag.MediaStorageSOPInstanceUID));
            if (cls == null || inst == null) {
                Dataset head = r.readDataset(0x00080019);
                cls = cls != null ? cls : trim(head.getString(Tag.SOPClassUID));
                inst = inst != null ? inst : trim(head.getString(Tag.SOPInstanceUID));
            }
            if (cls == null || inst == null) {
                throw new IOException(file + ": no SOP Class UID or SOP Instance UID");
            }
            return new Info(cls, inst, r.transferSyntax().uid(), offset, size);
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : AcceptorPolicy.norm(s.strip());
    }

    /**
     * Opens the data set part of a file as a stream. Unbuffered on purpose: the P-DATA writer
     * reads PDU-sized blocks straight into its buffer, and the stream's {@code available()} (the
     * bytes left, counted here from the length {@link #inspect} saw: no system call per fragment)
     * spares it the read-ahead at each fragment boundary.
     */
    public static InputStream openDataSet(Path file, Info info) throws IOException {
        // positioned on the channel: one lseek (a stream's skip asks the channel its position and
        // size first, two more system calls per instance of a study)
        FileChannel ch = FileChannel.open(file);
        try {
            ch.position(info.dataSetOffset());
            return new Remaining(Channels.newInputStream(ch), info.length() - info.dataSetOffset());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A file stream that counts the bytes it has left instead of asking the file system. */
    private static final class Remaining extends java.io.FilterInputStream {
        private long left;

        Remaining(InputStream in, long left) {
            super(in);
            this.left = Math.max(0, left);
        }

        @Override
        public int read() throws IOException {
            int r = in.read();
            if (r >= 0) {
                left = Math.max(0, left - 1);
            }
            return r;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                left = Math.max(0, left - n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(n);
            left = Math.max(0, left - Math.max(0, s));
            return s;
        }

        @Override
        public int available() {
            // a file that grew or shrank since it was inspected: the read that follows tells the truth
            return (int) Math.min(Integer.MAX_VALUE, left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    static CStoreRsp store(Association a, Path file) throws IOException {
        Info info = inspect(file);
        try (InputStream in = openDataSet(file, info)) {
            return a.cstore(info.sopClassUid(), info.sopInstanceUid(), info.transferSyntaxUid(), in);
        }
    }
}
