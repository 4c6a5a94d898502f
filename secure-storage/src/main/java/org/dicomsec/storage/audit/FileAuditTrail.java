package org.dicomsec.storage.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends audit messages to a file, one XML message per line, each written
 * whole and forced to the device before {@link #record} returns (an audit
 * record that a crash can lose is worth little).
 */
public final class FileAuditTrail implements AuditTrail, Closeable {

    private final FileChannel channel;

    public FileAuditTrail(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void record(AuditMessage message) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((AuditXml.toXml(message) + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
        channel.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
