package org.dicomsec.storage.audit;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * Sends audit messages to a syslog collector over UDP (RFC 5426), framed as
 * RFC 5424 says: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - BOM MSG}
 * with facility 10 (security/authorization) and severity 5 (notice), MSGID
 * "IHE+RFC-3881" as the IHE audit profile names it, and the XML as MSG.
 * A message longer than one datagram can carry is refused, not cut.
 */
public final class SyslogAuditSender implements AuditTrail, Closeable {

    /** RFC 5424 6.2.1: facility 10 * 8 + severity 5. */
    static final int PRI = 10 * 8 + 5;
    /** Largest UDP payload over IPv4. */
    static final int MAX_DATAGRAM = 65_507;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final DatagramSocket socket;
    private final InetSocketAddress collector;
    private final String hostname;
    private final String appName;
    private final String procId;

    /**
     * @param collector the syslog collector (e.g. port 514)
     * @param hostname  this node's name as RFC 5424 6.2.4 wants it (printable ASCII, no space)
     * @param appName   e.g. "dicomsec"
     */
    public SyslogAuditSender(InetSocketAddress collector, String hostname, String appName) throws IOException {
        this.collector = collector;
        this.hostname = field(hostname, 255);
        this.appName = field(appName, 48);
        this.procId = field(Long.toString(ProcessHandle.current().pid()), 128);
        this.socket = new DatagramSocket();
    }

    /** RFC 5424 6: PRINTUSASCII (33-126), bounded; "-" when empty. */
    static String field(String s, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; s != null && i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(c >= 33 && c <= 126 ? c : '_');
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }

    /** The RFC 5424 frame of a message. */
    byte[] frame(AuditMessage m) {
        String header = "<" + PRI + ">1 " + DateTimeFormatter.ISO_INSTANT.format(m.event().dateTime()) + " "
                + hostname + " " + appName + " " + procId + " IHE+RFC-3881 - ";
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(BOM);
        out.writeBytes(AuditXml.toXml(m).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Override
    public void record(AuditMessage message) throws IOException {
        byte[] b = frame(message);
        if (b.length > MAX_DATAGRAM) {
            throw new IOException("audit message of " + b.length + " bytes does not fit a UDP datagram");
        }
        socket.send(new DatagramPacket(b, b.length, collector));
    }

    @Override
    public void close() {
        socket.close();
    }
}
