package org.dicomsec.ul.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dicomsec.data.UID;
import org.dicomsec.ul.pdu.AAbort;
import org.dicomsec.ul.pdu.AAssociateAc;
import org.dicomsec.ul.pdu.AAssociateRj;
import org.dicomsec.ul.pdu.AAssociateRq;
import org.dicomsec.ul.pdu.AReleaseRq;
import org.dicomsec.ul.pdu.Pdu;
import org.dicomsec.ul.pdu.PduDecodeException;
import org.dicomsec.ul.pdu.PduDecoder;
import org.dicomsec.ul.pdu.PduEncoder;
import org.dicomsec.ul.pdu.PduReader;
import org.dicomsec.ul.pdu.PduTruncatedException;
import org.dicomsec.ul.pdu.PresentationContextAcItem;
import org.dicomsec.ul.transport.PlainTcp;
import org.dicomsec.ul.transport.TransportConnection;

/**
 * Probes whether a node speaks plain DICOM: over a plain TCP connection,
 * an A-ASSOCIATE-RQ for the Verification SOP Class (PS3.8 9.3.2; PS3.4 A.4)
 * written with the PDU package, the answer read (A-ASSOCIATE-AC, -RJ, A-ABORT
 * or something else), then A-RELEASE-RQ after an AC (PS3.8 7.2), A-ABORT
 * when the release is not answered. Blocking, on the caller's thread.
 *
 * <pre>{@code
 * AssociationProbe.Result r = AssociationProbe.probe(new InetSocketAddress("pacs.example", 104),
 *         "DICOMSEC", "ANY-SCP", 2000);
 * if (r.outcome().equals("accepted")) { ... }
 * }</pre>
 */
public final class AssociationProbe {

    /** Maximum Length announced by the probe (PS3.8 D.1). */
    public static final int MAX_PDU = 16_384;

    /**
     * @param outcome        "accepted", "rejected", "aborted", "not DICOM", "no answer", "unreachable"
     * @param detail         one line saying what happened
     * @param implementationClassUid    the peer's (AC only)
     * @param implementationVersionName the peer's, or null
     * @param maxPduLength   the peer's Maximum Length (0 = unlimited), or -1 when not sent
     * @param verification   the result for the Verification context ("acceptance, Implicit VR ...")
     */
    public record Result(String outcome, String detail, String implementationClassUid, String implementationVersionName,
                  long maxPduLength, String verification) {

        /** True when the node answered in DICOM (accepted, rejected or aborted). */
        public boolean answered() {
            return outcome.equals("accepted") || outcome.equals("rejected") || outcome.equals("aborted");
        }

        /**
         * What falls short of a Secure Transport Connection (PS3.15 B): an association accepted
         * over plain TCP, one line; else none.
         */
        public List<String> findings() {
            return outcome.equals("accepted") ? List.of("plain DICOM accepted: no authentication, integrity or privacy"
                    + " (not a Secure Transport Connection)") : List.of();
        }

        /**
         * The result as lines of a table: outcome and detail; for an accepted association also
         * the Verification result, the peer's implementation and its Maximum Length.
         */
        public List<String> lines() {
            String row = "%-12s %s";
            List<String> l = new ArrayList<>();
            l.add(String.format(row, outcome, detail));
            if (outcome.equals("accepted")) {
                l.add(String.format(row, "verification", verification));
                l.add(String.format(row, "impl. class", implementationClassUid));
                l.add(String.format(row, "impl. name", implementationVersionName == null ? "-"
                        : implementationVersionName));
                l.add(String.format(row, "max PDU", maxPduLength < 0 ? "not sent"
                        : maxPduLength == 0 ? "unlimited" : maxPduLength));
            }
            return l;
        }

        /**
         * The result as a JSON object's members (for {@code org.dicomsec.data.json.JsonWriter}):
         * outcome, speaksDicom ({@link #answered()}), detail, the peer's implementation class UID
         * and version name, maxPduLength (null when not sent), verification.
         */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("outcome", outcome);
            m.put("speaksDicom", answered());
            m.put("detail", detail);
            m.put("implementationClassUid", implementationClassUid);
            m.put("implementationVersionName", implementationVersionName);
            m.put("maxPduLength", maxPduLength < 0 ? null : maxPduLength);
            m.put("verification", verification);
            return m;
        }
    }

    private AssociationProbe() {
    }

    /**
     * Requests an association for the Verification SOP Class at {@code target}
     * and says what came back; never throws for what the node does.
     *
     * @param callingAet    the probe's AE title
     * @param calledAet     the node's AE title
     * @param timeoutMillis connect and read timeout
     */
    public static Result probe(InetSocketAddress target, String callingAet, String calledAet, int timeoutMillis) {
        TransportConnection c;
        try {
            c = PlainTcp.connector().connect(target, timeoutMillis);
        } catch (IOException e) {
            return new Result("unreachable", e.getMessage(), null, null, -1, null);
        }
        try {
            c.setReadTimeout(timeoutMillis);
            AAssociateRq rq = AAssociateRq.builder(calledAet, callingAet)
                    .presentationContext(UID.Verification, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                    .maximumLength(MAX_PDU)
                    .implementation(UID.ImplementationClassUID, UID.ImplementationVersionName)
                    .build();
            PduEncoder encoder = new PduEncoder();
            OutputStream out = c.output();
            encoder.write(rq, out);
            out.flush();
            PduReader reader = new PduReader(c.input(), new PduDecoder());
            Pdu answer = reader.read();
            if (answer instanceof AAssociateAc ac) {
                PresentationContextAcItem pc = ac.presentationContext(1);
                String verification = pc == null ? "no answer for the context"
                        : PresentationContextAcItem.resultName(pc.result())
                        + (pc.accepted() && pc.transferSyntax() != null ? " " + pc.transferSyntax().name() : "");
                release(c, encoder, reader);
                return new Result("accepted", "A-ASSOCIATE-AC from " + ac.calledAeTitle().trim(),
                        ac.userInformation().implementationClassUid().orElse(null),
                        ac.userInformation().implementationVersionName().orElse(null),
                        ac.userInformation().maximumLength().orElse(-1), verification);
            }
            c.abort();
            if (answer instanceof AAssociateRj rj) {
                return new Result("rejected", "A-ASSOCIATE-RJ: " + AAssociateRj.resultName(rj.result()) + ", "
                        + AAssociateRj.sourceName(rj.source()) + ", " + AAssociateRj.reasonName(rj.source(), rj.reason()), null, null, -1, null);
            }
            if (answer instanceof AAbort a) {
                return new Result("aborted", "A-ABORT: " + AAbort.sourceName(a.source()) + ", " + AAbort.reasonName(a.reason()), null, null, -1, null);
            }
            return new Result("not DICOM", "unexpected " + answer.getClass().getSimpleName() + " after A-ASSOCIATE-RQ",
                    null, null, -1, null);
        } catch (PduTruncatedException e) {
            c.abort();
            return new Result("not DICOM", "connection closed without an A-ASSOCIATE answer", null, null, -1, null);
        } catch (PduDecodeException e) {
            c.abort();
            // a TLS server answers a non-TLS record with an alert record (content type 21 = 15H) or a handshake (16H)
            boolean tls = e.pduType() == 0x15 || e.pduType() == 0x16;
            return new Result("not DICOM", "the answer is not a DICOM PDU (" + e.getMessage() + ")"
                    + (tls ? "; it looks like TLS" : ""), null, null, -1, null);
        } catch (SocketTimeoutException e) {
            c.abort();
            return new Result("no answer", "no answer within " + timeoutMillis + " ms", null, null, -1, null);
        } catch (IOException e) {
            c.abort();
            return new Result("not DICOM", describe(e), null, null, -1, null);
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** PS3.8 7.2: A-RELEASE-RQ, wait for the A-RELEASE-RP; A-ABORT if anything else comes. */
    private static void release(TransportConnection c, PduEncoder encoder, PduReader reader) {
        try {
            encoder.write(AReleaseRq.INSTANCE, c.output());
            c.output().flush();
            reader.read();
            c.close();
        } catch (IOException | RuntimeException e) {
            try {
                encoder.write(AAbort.serviceUser(), c.output());
                c.output().flush();
            } catch (IOException ignored) {
                // the connection goes anyway
            }
            c.abort();
        }
    }
}
