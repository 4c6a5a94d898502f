package org.dicomsec.storage.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A real file with room for {@code capacity} bytes: a write past it writes what fits, then fails
 * with "No space left on device"; the next {@code truncateFailures} truncations fail too. For the
 * tests of what a full disk does to the audit trail and the index log. When {@code lines} is set,
 * each write that ends a line (its last byte a line feed, all of it written) counts it down.
 */
public final class SmallDisk implements SeekableByteChannel {
    public final FileChannel file;
    public long capacity;
    public int truncateFailures;
    public java.util.concurrent.CountDownLatch lines;

    public SmallDisk(Path p, long capacity) throws IOException {
        this.file = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.capacity = capacity;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        boolean endsALine = src.hasRemaining() && src.get(src.limit() - 1) == '\n';
        int n = writeWithin(src);
        if (lines != null && endsALine && !src.hasRemaining()) {
            lines.countDown();
        }
        return n;
    }

    private int writeWithin(ByteBuffer src) throws IOException {
        long room = capacity - file.position();
        if (room <= 0) {
            throw new IOException("No space left on device");
        }
        if (src.remaining() > room) {
            ByteBuffer part = src.slice();
            part.limit((int) room);
            int n = file.write(part);
            src.position(src.position() + n);
            return n; // the caller's next write meets the full disk
        }
        return file.write(src);
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        if (truncateFailures > 0) {
            truncateFailures--;
            throw new IOException("I/O error on truncate");
        }
        file.truncate(size);
        return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public SeekableByteChannel position(long p) throws IOException {
        file.position(p);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
