package org.dicomsec.cli;

import org.dicomsec.data.TransferSyntaxNames;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;

import org.dicomsec.data.UID;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRejectedException;
import org.dicomsec.ul.AssociationRequest;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.PresentationContext;
import org.dicomsec.ul.dimse.CEchoRsp;
import org.dicomsec.ul.pdu.AAssociateRj;

/**
 * {@code dicomsec echo [--aet A] [--aec B] HOST:PORT}: C-ECHO (Verification, PS3.4 Annex A) over
 * plain TCP; prints the negotiated parameters and the round-trip time of the C-ECHO.
 */
final class EchoCommand extends OptionCommand {

    static final OptionParser OPTIONS = TransportOptions.declare(new OptionParser("echo",
            "Opens an association with HOST:PORT, sends a C-ECHO (Verification) and prints the\n"
                    + "negotiated parameters and the round-trip time.")
            .value("aet", 'a', "AE", "calling AE title (default DICOMSEC)")
            .value("aec", 'c', "AE", "called AE title (default ANY-SCP)")
            .value("max-pdu", 'm', "N", TransportOptions.MAX_PDU_HELP)
            .value("timeout", 't', "SECONDS", "connect, ARTIM and response timeout (default 30)")
            .positional("HOST:PORT", "the peer")
            .note("examples:\n  dicomsec echo localhost:11112\n  dicomsec echo --aet ME --aec PACS pacs.example:104\n"
                    + "  dicomsec echo --tls bcp195-nd --p12 client.p12 --password-file pw --trust ca.pem pacs.example:2762\n"
                    + "  dicomsec echo --iscl --keyring me.keyring --password-file pw --entity ME --peer-entity PACS pacs.example:2761"));

    static AssociationSettings settings(ParsedOptions o, TransportOptions transport) throws UsageException {
        int timeout = o.intValue("timeout", 30, 1, 3600) * 1000;
        int maxPdu = transport.maxPdu(o);
        return AssociationSettings.DEFAULT.withMaxPduLength(maxPdu).withConnectTimeoutMillis(timeout)
                .withDimseTimeoutMillis(timeout).withReadTimeoutMillis(timeout)
                .withArtimTimeout(java.time.Duration.ofMillis(timeout));
    }

    static String title(ParsedOptions o, String name, String def) throws UsageException {
        String t = o.value(name, def);
        if (!org.dicomsec.ul.pdu.AeTitle.isValid(t)) {
            throw new UsageException("option --" + name + ": '" + t + "' is not an AE title (1-16 characters, no backslash)"
                    + OptionParser.peerForm(name, t));
        }
        return t.strip();
    }

    /** Turns a network failure into a one-line error with exit status 1. */
    static CommandException failure(InetSocketAddress peer, IOException e) {
        if (e instanceof AssociationRejectedException r) {
            return new CommandException("association rejected by " + peer.getHostString() + ":" + peer.getPort() + ": "
                    + AAssociateRj.resultName(r.reject().result()) + ", "
                    + AAssociateRj.sourceName(r.reject().source()) + ", "
                    + AAssociateRj.reasonName(r.reject().source(), r.reject().reason()) + hint(r), 1, e);
        }
        String where = peer.getHostString() + ":" + peer.getPort();
        String why = Main.describe(e);
        return new CommandException(why.contains(where) ? why : where + ": " + why, 1, e); // the peer named once
    }

    /** What a user can change after a rejection: which AE title the peer did not know, or a wait. */
    private static String hint(AssociationRejectedException r) {
        AAssociateRj rj = r.reject();
        if (rj.source() == AAssociateRj.SOURCE_SERVICE_USER) {
            if (rj.reason() == AAssociateRj.REASON_CALLED_AE_TITLE_NOT_RECOGNIZED) {
                return r.calledAeTitle().map(t -> " (this side called " + t + "; the peer's AE title is another: "
                        + "give it with --aec)").orElse("");
            }
            if (rj.reason() == AAssociateRj.REASON_CALLING_AE_TITLE_NOT_RECOGNIZED) {
                return r.callingAeTitle().map(t -> " (this side's AE title " + t + " is not one the peer accepts: "
                        + "the peer must know it, or give another with --aet)").orElse("");
            }
        }
        if (rj.result() == AAssociateRj.RESULT_REJECTED_TRANSIENT) {
            return " (the peer is busy: try again later)";
        }
        return "";
    }

    EchoCommand() {
        super(OPTIONS, "C-ECHO a DICOM peer and print the negotiated parameters");
    }

    @Override
    int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
        InetSocketAddress peer = HostPort.parse(o.positional("HOST:PORT"));
        TransportOptions transport = TransportOptions.from(o, err);
        String aet = title(o, "aet", "DICOMSEC");
        String aec = title(o, "aec", "ANY-SCP");
        AssociationRequest rq = AssociationRequest.builder(aec, aet)
                .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).settings(settings(o, transport)).build();
        long t0 = System.nanoTime();
        Association a;
        try {
            a = Association.request(transport.connector(), peer, rq);
        } catch (IOException e) {
            throw failure(peer, e);
        }
        try {
            long t1 = System.nanoTime();
            if (!o.quiet()) {
                out.println("association " + aet + " -> " + aec + " at " + peer.getHostString() + ":" + peer.getPort()
                        + " established in " + Main.fixed((t1 - t0) / 1e6, 1) + " ms");
                out.println("  peer implementation: " + a.peerImplementationClassUid()
                        + (a.peerImplementationVersionName().isEmpty() ? "" : " " + a.peerImplementationVersionName()));
                out.println("  maximum PDU length: ours " + a.localMaxPduLength() + ", peer's " + a.peerMaxPduLength()
                        + " (0 = unlimited)");
                out.println("  transport: " + a.security());
                for (PresentationContext pc : a.presentationContexts().values()) {
                    out.println("  presentation context " + pc.id() + ": Verification " + (pc.accepted()
                            ? "accepted, " + TransferSyntaxNames.describe(pc.transferSyntax())
                            : "rejected (" + org.dicomsec.ul.pdu.PresentationContextAcItem.resultName(pc.result()) + ")"));
                }
            }
            if (a.acceptedContexts().isEmpty()) {
                a.close();
                throw new CommandException("the peer accepted no Verification context", 1, null);
            }
            long s = System.nanoTime();
            CEchoRsp rsp = a.cecho();
            long rtt = System.nanoTime() - s;
            out.println("C-ECHO: " + rsp.status() + ", round trip " + Main.fixed(rtt / 1e6, 2) + " ms");
            a.release();
            return rsp.status().isSuccess() ? 0 : 1;
        } catch (IOException e) {
            a.abort();
            throw failure(peer, e);
        }
    }
}
