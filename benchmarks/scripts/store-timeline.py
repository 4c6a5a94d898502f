#!/usr/bin/env python3
"""When a sender's instances reach the receiver's disk, from the sender's start.

Runs COMMAND and watches FOLDER (the receiver's output folder) with inotify: each file closed
after writing, moved in or (with --create) created there is one instance stored. Prints the
milliseconds from COMMAND's start to the first, the 40th and the last such file, and to the
command's exit. The first is the sender's start (process, options, the files' meta information,
the association); from the 40th to the last is its pace once warm; nothing in the sender is timed
from inside it.

usage: benchmarks/scripts/store-timeline.py [--create] FOLDER -- COMMAND [ARG...]
  e.g. (storescp +B -od /tmp/rx 11112 &); TCP_NODELAY=1 store-timeline.py /tmp/rx -- storescu +sd localhost 11112 study
       store-timeline.py /tmp/rx -- ./dicomsec store localhost:11112 study
       store-timeline.py --create rx -- ...   (a receiver that links its files in, as dicomsec scp)
Linux only (inotify through libc).
"""
import ctypes
import os
import select
import struct
import subprocess
import sys
import time

IN_CLOSE_WRITE, IN_MOVED_TO, IN_CREATE = 0x8, 0x80, 0x100


def main():
    args = sys.argv[1:]
    create = bool(args) and args[0] == "--create"
    if create:
        args = args[1:]
    if len(args) < 3 or args[1] != "--":
        sys.exit(__doc__)
    folder, command = args[0], args[2:]
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    fd = libc.inotify_init1(os.O_NONBLOCK)
    if fd < 0 or libc.inotify_add_watch(fd, folder.encode(),
                                        IN_CLOSE_WRITE | IN_MOVED_TO | (IN_CREATE if create else 0)) < 0:
        sys.exit("store-timeline: cannot watch %s (errno %d)" % (folder, ctypes.get_errno()))
    stored = []
    started = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def drain():
        while True:
            try:
                events = os.read(fd, 65536)
            except BlockingIOError:
                return
            now = time.monotonic() - started
            i = 0
            while i < len(events):
                _, _, _, length = struct.unpack_from("iIII", events, i)
                i += 16 + length
                stored.append(now)

    while proc.poll() is None:
        select.select([fd], [], [], 0.002)
        drain()
    ended = time.monotonic() - started
    drain()

    def ms(k):
        return "%.0f" % (stored[k] * 1e3) if len(stored) > k else "-"
    print("stored %d: first %s ms, 40th %s ms, last %s ms; exit %.0f ms (status %d)"
          % (len(stored), ms(0), ms(39), ms(len(stored) - 1) if stored else "-", ended * 1e3, proc.returncode))


if __name__ == "__main__":
    main()
