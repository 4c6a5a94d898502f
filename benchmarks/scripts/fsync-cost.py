#!/usr/bin/env python3
"""What a durable store of one file costs on this disk, without any DICOM in the way.

For each of N files of SIZE bytes in a new folder under FOLDER, MODE says what is done before
the file would be answered as stored:

  scp     (default) create (O_EXCL), write, fdatasync, close, rename to its final name, fsync of
          the folder: the steps `dicomsec scp` takes before it answers success
          (docs/benchmarks.md, "Studies against DCMTK"); prints the mean of each step.
  nosync  create, write, close, rename: what `storescp +B` does (nothing forced).
  staged  the file was created empty beforehand and its name forced with the folder (outside the
          timing): write, fdatasync, close, rename; the folder forced once per 64 files. What a
          receiver could do whose recovery finds a forced staged file under its staged name.
  log     one log file, written with zeros and forced beforehand (outside the timing): the file's
          bytes written at the log's next 4 KiB boundary and the log fdatasync'd; the file itself
          created, written and renamed without a force. What a receiver with a write-ahead log
          could do; the files are forced later (the final sync below).
  direct  as staged, the bytes written past the page cache (O_DIRECT): padded to the next 4 KiB,
          then the file cut to its length (ftruncate) before the fdatasync. What a receiver could
          do to spare the copy into page-cache pages (measured and not kept: docs/benchmarks.md,
          "Studies against DCMTK", direct writes).
  floor   the log of `log` alone: the bytes written at the log's next 4 KiB boundary and the log
          fdatasync'd, no file created. The least any receiver pays to have an instance's bytes on
          the disk before it answers: one write of them and one device flush, with no metadata.

Prints the mean time per file, then the time of one sync() of everything left unforced, then
removes the files. On ext4 without a journal the removal slows the creation of new files for the
next 6 minutes (docs/benchmarks.md): do not measure anything else on that file system meanwhile.

usage: benchmarks/scripts/fsync-cost.py FOLDER N SIZE [MODE]
       e.g. fsync-cost.py /var/tmp/fsync-cost 400 525036    (a CT instance of the ct study)
            fsync-cost.py /var/tmp/fsync-cost 2000 33000    (an instance of the small study)
            for m in scp staged log floor nosync; do fsync-cost.py /var/tmp/fsync-cost 1000 33000 $m; done
"""
import mmap
import os
import sys
import tempfile
import time

MODES = ("scp", "nosync", "staged", "direct", "log", "floor")


def main():
    if len(sys.argv) not in (4, 5) or (len(sys.argv) == 5 and sys.argv[4] not in MODES):
        sys.exit(__doc__)
    parent, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    mode = sys.argv[4] if len(sys.argv) == 5 else "scp"
    os.makedirs(parent, exist_ok=True)
    folder = tempfile.mkdtemp(prefix=mode + ".", dir=parent)
    data = os.urandom(size)
    dfd = os.open(folder, os.O_RDONLY)
    names = []
    spent = [0.0, 0.0, 0.0, 0.0]
    log = None
    try:
        if mode == "direct":
            padded = (size + 4095) // 4096 * 4096
            aligned = mmap.mmap(-1, padded)  # page-aligned, as O_DIRECT needs
            aligned[:size] = data
        if mode in ("staged", "direct"):
            for i in range(n):
                os.close(os.open(os.path.join(folder, "f%d.tmp" % i), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            os.fsync(dfd)
        if mode in ("log", "floor"):
            log = os.path.join(folder, "log")
            lfd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            step = (size + 4095) // 4096 * 4096
            zeros = bytes(1 << 20)
            total = 0
            while total < n * step:
                total += os.write(lfd, zeros)
            os.fsync(lfd)
            os.fsync(dfd)
            offset = 0
        started = time.perf_counter()
        for i in range(n):
            tmp = os.path.join(folder, "f%d.tmp" % i)
            final = os.path.join(folder, "f%d.dcm" % i)
            t0 = time.perf_counter()
            if mode in ("log", "floor"):
                os.pwrite(lfd, data, offset)
                offset += step
                os.fdatasync(lfd)
            if mode == "floor":
                continue
            if mode == "direct":
                fd = os.open(tmp, os.O_WRONLY | os.O_DIRECT)
                os.write(fd, aligned)
                os.ftruncate(fd, size)
            else:
                flags = os.O_WRONLY if mode == "staged" else os.O_WRONLY | os.O_CREAT | os.O_EXCL
                fd = os.open(tmp, flags, 0o600)
                os.write(fd, data)
            t1 = time.perf_counter()
            if mode in ("scp", "staged", "direct"):
                os.fdatasync(fd)
            t2 = time.perf_counter()
            os.close(fd)
            os.rename(tmp, final)
            names.append(final)
            t3 = time.perf_counter()
            if mode == "scp" or (mode in ("staged", "direct") and i % 64 == 63):
                os.fsync(dfd)
            t4 = time.perf_counter()
            for k, d in enumerate((t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                spent[k] += d
        ended = time.perf_counter()
        os.sync()
        synced = time.perf_counter()
    finally:
        os.close(dfd)
        if log is not None:
            os.close(lfd)
            os.remove(log)
        for name in names:
            os.remove(name)
        for i in range(len(names), n if mode in ("staged", "direct") else 0):
            os.remove(os.path.join(folder, "f%d.tmp" % i))
        os.rmdir(folder)
    print("%s: %d files of %d bytes, %.3f ms per file, then one sync() %.0f ms" % (
        mode, n, size, (ended - started) / n * 1e3, (synced - ended) * 1e3))
    if mode == "scp":
        print("  per file: create+write %.3f ms, fdatasync %.3f ms, close+rename %.3f ms, folder fsync %.3f ms"
              % tuple(s / n * 1e3 for s in spent))


if __name__ == "__main__":
    main()
