package org.dicomsec.bench.storage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.dicomsec.storage.SopInstanceStatus;
import org.dicomsec.storage.audit.AuditEvents;
import org.dicomsec.storage.audit.AuditMessage;
import org.dicomsec.storage.audit.AuditXml;
import org.dicomsec.ul.transport.PeerIdentity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The audit line the online-storage SCP writes for every instance it receives (DICOM Instances
 * Transferred, PS3.15 A.5): the message built and written as one line of XML, then its UTF-8
 * bytes, as {@code FileAuditTrail} appends them. A peer authenticated by an X.509 certificate,
 * as over TLS; the line is about 1.5 KB, as in the SCP's trail.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AuditLineBenchmark {

    private final AuditEvents events = new AuditEvents("ARCHIVE", "127.0.0.1", "dicomsec@archive",
            java.time.Clock.systemUTC());
    private final AuditEvents.Peer peer = new AuditEvents.Peer("DICOMSEC",
            new PeerIdentity(PeerIdentity.Kind.X509, "O=dicomsec demo,OU=dicomsec Demo CA client,CN=dicomsec client",
                    List.of(), Map.of()), "localhost:59480");
    private final AuditEvents.Instance instance = new AuditEvents.Instance(
            "2.25.100006583713690656515519138871850679755", "1.2.840.10008.5.1.4.1.1.2",
            "2.25.233880063795679396991624958207765490200");

    @Benchmark
    public byte[] receptionLine() {
        AuditMessage m = events.instanceReceived(peer, instance, Optional.empty(), Optional.empty(),
                AuditMessage.SUCCESS, "rule e: stored as received");
        return (AuditXml.toXml(m) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
