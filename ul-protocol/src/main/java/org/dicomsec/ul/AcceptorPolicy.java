package org.dicomsec.ul;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import org.dicomsec.data.DirectoryOffsets;
import org.dicomsec.data.UID;
import org.dicomsec.ul.pdu.AAssociateAc;
import org.dicomsec.ul.pdu.AAssociateRj;
import org.dicomsec.ul.pdu.AAssociateRq;
import org.dicomsec.ul.pdu.AeTitle;
import org.dicomsec.ul.pdu.ApplicationContextItem;
import org.dicomsec.ul.pdu.AsynchronousOperationsWindow;
import org.dicomsec.ul.pdu.PresentationContextAcItem;
import org.dicomsec.ul.pdu.PresentationContextRqItem;
import org.dicomsec.ul.pdu.ScpScuRoleSelection;
import org.dicomsec.ul.pdu.TransferSyntaxSubItem;
import org.dicomsec.ul.pdu.UserIdentityAc;
import org.dicomsec.ul.pdu.UserIdentityRq;

/**
 * How an acceptor answers an A-ASSOCIATE-RQ (the A-ASSOCIATE response primitive, PS3.8 7.1.1):
 * <ul>
 *   <li>Called AE title not one of ours: A-ASSOCIATE-RJ rejected-permanent, source service-user,
 *       reason called-AE-title-not-recognized (PS3.8 table 9-21). A calling AE title not allowed:
 *       the same with calling-AE-title-not-recognized.</li>
 *   <li>Application context other than the DICOM one (PS3.7 A.2.1): rejected-permanent,
 *       service-user, application-context-name-not-supported.</li>
 *   <li>Per presentation context (PS3.8 table 9-18): abstract syntax not served:
 *       abstract-syntax-not-supported; none of its transfer syntaxes served:
 *       transfer-syntaxes-not-supported; refused by the {@link Builder#contextFilter filter}:
 *       user-rejection. Otherwise acceptance with the first transfer syntax the requestor proposed
 *       that is served (the requestor lists them in its order of preference), except that among
 *       the syntaxes of {@link Builder#preferTransferSyntaxes} ours decides: by default Explicit VR
 *       Little Endian is taken over Implicit VR Little Endian when both are proposed, whichever
 *       comes first (as DCMTK's storescp does), so a peer listing Implicit first need not
 *       transcode; a compressed syntax proposed before both still wins.</li>
 *   <li>No context accepted: PS3.8 lets an A-ASSOCIATE-AC with every context rejected stand (the
 *       standard does not require a rejection); as the issue asks, and as common peers do, the
 *       default rejects it: rejected-permanent, service-user, no-reason-given. Configurable.</li>
 *   <li>A user identity refused by the check: rejected-permanent, service-user, no-reason-given
 *       (PS3.7 D.3.3.7); accepted with a positive response requested: an empty User Identity AC.</li>
 *   <li>Role selection (PS3.7 D.3.3.4): SCU role as proposed; SCP role only for SOP classes
 *       configured with {@link Builder#scpRole}. Asynchronous operations window: answered 1/1.</li>
 * </ul>
 */
public final class AcceptorPolicy {
    private final Set<String> calledAeTitles;
    private final Set<String> callingAeTitles;
    private final Map<String, List<String>> abstractSyntaxes;
    private final List<String> anyAbstractSyntaxTransferSyntaxes;
    private final boolean rejectWhenNoContextAccepted;
    private final Set<String> scpRoles;
    private final Predicate<UserIdentityRq> userIdentityCheck;
    private final BiPredicate<AAssociateRq, PresentationContextRqItem> contextFilter;
    private final List<String> preferred;

    private AcceptorPolicy(Builder b) {
        this.calledAeTitles = Set.copyOf(b.called);
        this.callingAeTitles = Set.copyOf(b.calling);
        this.abstractSyntaxes = Map.copyOf(b.abstractSyntaxes);
        this.anyAbstractSyntaxTransferSyntaxes = b.anyTs == null ? null : List.copyOf(b.anyTs);
        this.rejectWhenNoContextAccepted = b.rejectWhenNoContextAccepted;
        this.scpRoles = Set.copyOf(b.scpRoles);
        this.userIdentityCheck = b.userIdentityCheck;
        this.contextFilter = b.contextFilter;
        this.preferred = List.copyOf(b.preferred);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The A-ASSOCIATE response: exactly one of accept and reject is set. */
    public record Decision(AAssociateAc accept, AAssociateRj reject) {
    }

    /**
     * Answers {@code rq}.
     *
     * @param maxPduLength the Maximum Length to announce in an A-ASSOCIATE-AC
     */
    public Decision decide(AAssociateRq rq, long maxPduLength) {
        if (!calledAeTitles.isEmpty() && !calledAeTitles.contains(rq.calledAeTitle())) {
            return reject(AAssociateRj.REASON_CALLED_AE_TITLE_NOT_RECOGNIZED);
        }
        if (!callingAeTitles.isEmpty() && !callingAeTitles.contains(rq.callingAeTitle())) {
            return reject(AAssociateRj.REASON_CALLING_AE_TITLE_NOT_RECOGNIZED);
        }
        if (!ApplicationContextItem.DICOM_APPLICATION_CONTEXT.equals(norm(rq.applicationContext().name()))) {
            return reject(AAssociateRj.REASON_APPLICATION_CONTEXT_NAME_NOT_SUPPORTED);
        }
        var identity = rq.userInformation().userIdentityRq();
        if (identity.isPresent() && userIdentityCheck != null && !userIdentityCheck.test(identity.get())) {
            return reject(AAssociateRj.REASON_USER_NO_REASON_GIVEN);
        }
        AAssociateAc.Builder ac = AAssociateAc.builder(rq);
        Set<String> acceptedClasses = new HashSet<>();
        int accepted = 0;
        for (PresentationContextRqItem pc : rq.presentationContexts()) {
            String as = norm(pc.abstractSyntax().name());
            List<String> served = abstractSyntaxes.get(as);
            if (served == null && !DirectoryOffsets.MEDIA_STORAGE_DIRECTORY.equals(as)) {
                served = anyAbstractSyntaxTransferSyntaxes;
            }
            if (served == null) {
                ac.reject(pc.id(), PresentationContextAcItem.RESULT_ABSTRACT_SYNTAX_NOT_SUPPORTED);
                continue;
            }
            String chosen = choose(pc, served);
            if (chosen == null) {
                ac.reject(pc.id(), PresentationContextAcItem.RESULT_TRANSFER_SYNTAXES_NOT_SUPPORTED);
            } else if (contextFilter != null && !contextFilter.test(rq, pc)) {
                ac.reject(pc.id(), PresentationContextAcItem.RESULT_USER_REJECTION);
            } else {
                ac.accept(pc.id(), chosen);
                acceptedClasses.add(as);
                accepted++;
            }
        }
        if (accepted == 0 && rejectWhenNoContextAccepted) {
            return reject(AAssociateRj.REASON_USER_NO_REASON_GIVEN);
        }
        ac.maximumLength(maxPduLength);
        ac.implementation(UID.ImplementationClassUID, UID.ImplementationVersionName);
        if (rq.userInformation().asynchronousOperationsWindow().isPresent()) {
            ac.subItem(new AsynchronousOperationsWindow(1, 1)); // one operation at a time each way
        }
        for (ScpScuRoleSelection r : rq.userInformation().roleSelections()) {
            if (acceptedClasses.contains(r.sopClassUid())) {
                boolean scp = r.scpRole() == 1 && scpRoles.contains(r.sopClassUid());
                ac.subItem(new ScpScuRoleSelection(r.sopClassUid(), r.scuRole() == 1 ? 1 : 0, scp ? 1 : 0));
            }
        }
        if (identity.isPresent() && identity.get().positiveResponseRequested() == 1) {
            ac.subItem(new UserIdentityAc(new byte[0]));
        }
        return new Decision(ac.build(), null);
    }

    /**
     * The first proposed transfer syntax that is served; if it is one of ours to prefer, the
     * most preferred of those proposed and served instead.
     */
    private String choose(PresentationContextRqItem pc, List<String> served) {
        String first = null;
        int bestRank = Integer.MAX_VALUE;
        String best = null;
        for (TransferSyntaxSubItem ts : pc.transferSyntaxes()) {
            String t = norm(ts.name());
            if (!served.contains(t)) {
                continue;
            }
            if (first == null) {
                first = t;
            }
            int rank = preferred.indexOf(t);
            if (rank >= 0 && rank < bestRank) {
                bestRank = rank;
                best = t;
            }
        }
        if (first == null || !preferred.contains(first)) {
            return first;
        }
        return best;
    }

    /** A UID as some peers send it, padded with NUL or space, in its plain form. */
    static String norm(String uid) {
        int e = uid.length();
        while (e > 0 && (uid.charAt(e - 1) == 0 || uid.charAt(e - 1) == ' ')) {
            e--;
        }
        return uid.substring(0, e);
    }

    private static Decision reject(int reason) {
        return new Decision(null, new AAssociateRj(AAssociateRj.RESULT_REJECTED_PERMANENT,
                AAssociateRj.SOURCE_SERVICE_USER, reason));
    }

    public static final class Builder {
        private final Set<String> called = new HashSet<>();
        private final Set<String> calling = new HashSet<>();
        private final Map<String, List<String>> abstractSyntaxes = new LinkedHashMap<>();
        private List<String> anyTs;
        private boolean rejectWhenNoContextAccepted = true;
        private final Set<String> scpRoles = new HashSet<>();
        private Predicate<UserIdentityRq> userIdentityCheck;
        private BiPredicate<AAssociateRq, PresentationContextRqItem> contextFilter;
        private List<String> preferred = List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);

        /**
         * Transfer syntaxes whose order this side decides when the requestor proposes several of
         * them (most preferred first); default Explicit VR Little Endian, then Implicit VR Little
         * Endian. None given: the requestor's order alone.
         */
        public Builder preferTransferSyntaxes(String... order) {
            this.preferred = List.of(order);
            return this;
        }

        /** Our AE titles; a request calling another is rejected. None given: any title. */
        public Builder calledAeTitles(String... titles) {
            for (String t : titles) {
                called.add(AeTitle.validate(t));
            }
            return this;
        }

        /** Peers allowed to call; none given: any. */
        public Builder callingAeTitles(String... titles) {
            for (String t : titles) {
                calling.add(AeTitle.validate(t));
            }
            return this;
        }

        /** Serves an abstract syntax with these transfer syntaxes. */
        public Builder abstractSyntax(String abstractSyntax, String... transferSyntaxes) {
            abstractSyntaxes.put(abstractSyntax, new ArrayList<>(List.of(transferSyntaxes)));
            return this;
        }

        /**
         * Serves every abstract syntax not configured otherwise with these transfer syntaxes (a
         * storage SCP), but Media Storage Directory Storage: a DICOMDIR's SOP class, the directory
         * of a file-set (PS3.10 8.6), which is not one of the Storage Service Class.
         */
        public Builder anyAbstractSyntax(String... transferSyntaxes) {
            anyTs = List.of(transferSyntaxes);
            return this;
        }

        public Builder rejectWhenNoContextAccepted(boolean reject) {
            this.rejectWhenNoContextAccepted = reject;
            return this;
        }

        /** Lets the requestor take the SCP role for a SOP class when it proposes it. */
        public Builder scpRole(String sopClassUid) {
            scpRoles.add(sopClassUid);
            return this;
        }

        public Builder userIdentityCheck(Predicate<UserIdentityRq> check) {
            this.userIdentityCheck = check;
            return this;
        }

        /** Refuses individual contexts (result user-rejection) when the filter returns false. */
        public Builder contextFilter(BiPredicate<AAssociateRq, PresentationContextRqItem> filter) {
            this.contextFilter = filter;
            return this;
        }

        public AcceptorPolicy build() {
            return new AcceptorPolicy(this);
        }
    }
}
