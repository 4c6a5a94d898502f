#!/usr/bin/env python3
"""What a durable store of one file costs on this disk, without any DICOM in the way.

For each of N files of SIZE bytes in FOLDER: create (O_EXCL), write, fdatasync, close, rename
to its final name, fsync of the folder: the steps `dicomsec scp` takes before it answers
success (docs/benchmarks.md, "Studies against DCMTK"). Prints the mean of each step per file,
then removes the files.

usage: benchmarks/scripts/fsync-cost.py FOLDER N SIZE
       e.g. fsync-cost.py /var/tmp/fsync-cost 400 525036    (a CT instance of the ct study)
            fsync-cost.py /var/tmp/fsync-cost 2000 33000    (an instance of the small study)
"""
import os
import sys
import time


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    folder, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(folder, exist_ok=True)
    data = os.urandom(size)
    dfd = os.open(folder, os.O_RDONLY)
    spent = [0.0, 0.0, 0.0, 0.0]
    names = []
    try:
        for i in range(n):
            tmp = os.path.join(folder, "f%d.tmp" % i)
            final = os.path.join(folder, "f%d.dcm" % i)
            t0 = time.perf_counter()
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.write(fd, data)
            t1 = time.perf_counter()
            os.fdatasync(fd)
            t2 = time.perf_counter()
            os.close(fd)
            os.rename(tmp, final)
            names.append(final)
            t3 = time.perf_counter()
            os.fsync(dfd)
            t4 = time.perf_counter()
            for k, d in enumerate((t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                spent[k] += d
    finally:
        os.close(dfd)
        for name in names:
            os.remove(name)
    print("%d files of %d bytes, per file: create+write %.3f ms, fdatasync %.3f ms, close+rename %.3f ms,"
          " folder fsync %.3f ms" % (n, size, *(s / n * 1e3 for s in spent)))


if __name__ == "__main__":
    main()
