package org.dicomsec.storage.service;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import org.dicomsec.storage.audit.FileAuditTrail;
import org.dicomsec.storage.net.OnlineStorageScp;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.transport.PlainTcp;

/**
 * The child JVM of {@link BigInstanceIT}: the profile's SCP on plain TCP (loopback, an ephemeral
 * port) storing into {@code args[0]}; prints "PORT n" and the heap limit, serves until its
 * standard input ends.
 */
public final class BigInstanceScp {

    private BigInstanceScp() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        InstanceStore store = InstanceStore.open(dir);
        try (FileAuditTrail audit = new FileAuditTrail(dir.resolve("audit.log"));
             OnlineStorageScp scp = OnlineStorageScp.builder(store, "BIG-SCP",
                             PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0), audit,
                             Executors.newSingleThreadExecutor(r -> {
                                 Thread t = new Thread(r);
                                 t.setDaemon(true);
                                 return t;
                             }))
                     .anySopClass(true).workers(1)
                     .settings(AssociationSettings.DEFAULT.withMaxPduLength(65530))
                     .build()) {
            scp.start();
            System.out.println("PORT " + scp.localPort() + " MAXHEAP " + Runtime.getRuntime().maxMemory());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            while (in.readLine() != null) {
                // serve until the parent closes our input
            }
        }

    }
}
