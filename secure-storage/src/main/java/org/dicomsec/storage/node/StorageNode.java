package org.dicomsec.storage.node;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.AuditTrail;
import org.dicomsec.storage.audit.FileAuditTrail;
import org.dicomsec.storage.net.OnlineStorageScp;
import org.dicomsec.storage.net.OnlineStorageScu;
import org.dicomsec.storage.net.TransactionJournal;
import org.dicomsec.storage.store.InstanceStore;
import org.dicomsec.ul.transport.TransportAcceptor;

/**
 * One Application Entity of the Online Electronic Storage Secure Use Profile
 * (PS3.15 A.1.1) kept in one folder:
 * <pre>
 * FOLDER/store/      its {@link InstanceStore}
 * FOLDER/audit.log   its audit trail ({@link FileAuditTrail}: RFC 3881 XML, one message a line)
 * FOLDER/journal/    its open Storage Commitment transactions as a sender ({@link TransactionJournal},
 *                    made at the first {@link #scu})
 * </pre>
 * with the builders of its {@link OnlineStorageScp} and {@link OnlineStorageScu}
 * preset with these and with the node's {@link AuditEvents}: the caller adds what
 * differs from node to node (the transport, the peer policy, the rules, the
 * association settings). Audit messages may go to further trails beside the file
 * (an {@link org.dicomsec.storage.audit.AuditRecorder}, a syslog sender).
 *
 * <p>{@link #close()} closes the audit file; the SCPs built from {@link #scp} are
 * the caller's to close, before the node.
 */
public final class StorageNode implements Closeable {

    /** The instance store's folder in the node's folder. */
    public static final String STORE = "store";
    /** The audit trail's file in the node's folder. */
    public static final String AUDIT_LOG = "audit.log";
    /** The Storage Commitment journal's folder in the node's folder. */
    public static final String JOURNAL = "journal";

    private final Path folder;
    private final String aeTitle;
    private final AuditEvents events;
    private final InstanceStore store;
    private final FileAuditTrail file;
    private final AuditTrail audit;
    private TransactionJournal journal;

    private StorageNode(Path folder, String aeTitle, AuditEvents events, InstanceStore store, FileAuditTrail file,
                        AuditTrail audit) {
        this.folder = folder;
        this.aeTitle = aeTitle;
        this.events = events;
        this.store = store;
        this.file = file;
        this.audit = audit;
    }

    /**
     * Opens (creating what is missing) the node {@code aeTitle} in {@code folder}; in audit
     * messages the node is its AE title, without a host, on the UTC clock.
     *
     * @param alsoTo trails that get every audit message beside the node's file
     */
    public static StorageNode open(Path folder, String aeTitle, AuditTrail... alsoTo) throws IOException {
        return open(folder, aeTitle, new AuditEvents(aeTitle, null, aeTitle, Clock.systemUTC()), alsoTo);
    }

    /**
     * Opens (creating what is missing) the node {@code aeTitle} in {@code folder}, named in its
     * audit messages as {@code events} says.
     *
     * @param alsoTo trails that get every audit message beside the node's file
     */
    public static StorageNode open(Path folder, String aeTitle, AuditEvents events, AuditTrail... alsoTo)
            throws IOException {
        Objects.requireNonNull(aeTitle, "aeTitle");
        Objects.requireNonNull(events, "events");
        Files.createDirectories(folder);
        InstanceStore store = InstanceStore.open(folder.resolve(STORE));
        FileAuditTrail file = new FileAuditTrail(folder.resolve(AUDIT_LOG));
        List<AuditTrail> trails = new ArrayList<>();
        trails.add(file);
        for (AuditTrail t : alsoTo) {
            trails.add(Objects.requireNonNull(t, "alsoTo"));
        }
        AuditTrail audit = trails.size() == 1 ? file : AuditTrail.of(trails.toArray(new AuditTrail[0]));
        return new StorageNode(folder, aeTitle, events, store, file, audit);
    }

    /** The node's AE title. */
    public String aeTitle() {
        return aeTitle;
    }

    /** The node's folder. */
    public Path folder() {
        return folder;
    }

    /** The node's instances. */
    public InstanceStore store() {
        return store;
    }

    /** Where the node's audit messages go: its file and the further trails it was opened with. */
    public AuditTrail audit() {
        return audit;
    }

    /** Who the node is in its audit messages. */
    public AuditEvents auditEvents() {
        return events;
    }

    /**
     * The builder of an SCP of this node listening on {@code acceptor}, with the node's store,
     * AE title, audit trail and audit events.
     *
     * @param reportExecutor where the SCP sends its Storage Commitment reports
     */
    public OnlineStorageScp.Builder scp(TransportAcceptor acceptor, Executor reportExecutor) {
        return OnlineStorageScp.builder(store, aeTitle, acceptor, audit, reportExecutor).auditEvents(events);
    }

    /**
     * The builder of an SCU of this node, with the node's store, AE title, audit trail, audit
     * events and Storage Commitment journal (opened at the first call).
     *
     * @param executor where the SCU reads a Storage Commitment report on the association of its request
     */
    public OnlineStorageScu.Builder scu(Executor executor) throws IOException {
        TransactionJournal j;
        synchronized (this) {
            if (journal == null) {
                journal = TransactionJournal.open(folder.resolve(JOURNAL));
            }
            j = journal;
        }
        return OnlineStorageScu.builder(store, aeTitle, audit, executor, j).auditEvents(events);
    }

    /** Closes the audit file. */
    @Override
    public void close() throws IOException {
        file.close();
    }

    @Override
    public String toString() {
        return aeTitle + " in " + folder;
    }
}
