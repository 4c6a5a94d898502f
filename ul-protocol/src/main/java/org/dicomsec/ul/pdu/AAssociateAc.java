package org.dicomsec.ul.pdu;

import java.util.ArrayList;
import java.util.List;

/**
 * A-ASSOCIATE-AC PDU, type 02H (PS3.8 9.3.3, table 9-17).
 * The called and calling AE title fields of the AC are reserved: sent with the values of the
 * A-ASSOCIATE-RQ but not tested on receipt (table 9-17 bytes 11-26 and 27-42), so they are
 * only stripped of padding, not validated. The other reserved fields are sent as 00H and not
 * tested on receipt.
 *
 * @param protocolVersion      Protocol-version bit field (bit 0: version 1)
 * @param calledAeTitle        the reserved field echoing the RQ's Called-AE-title
 * @param callingAeTitle       the reserved field echoing the RQ's Calling-AE-title
 * @param applicationContext   the Application Context Item
 * @param presentationContexts the Presentation Context Items (one per proposed context)
 * @param userInformation      the User Information Item (empty if the peer sent none)
 * @param unknownItems         items of unknown type, kept and re-encoded after the others
 */
public record AAssociateAc(int protocolVersion, String calledAeTitle, String callingAeTitle,
                           ApplicationContextItem applicationContext,
                           List<PresentationContextAcItem> presentationContexts,
                           UserInformationItem userInformation, List<UnknownItem> unknownItems) implements Pdu {

    public AAssociateAc {
        if (protocolVersion < 0 || protocolVersion > 0xFFFF) {
            throw new IllegalArgumentException("Protocol-version is 16 bits: " + protocolVersion);
        }
        calledAeTitle = AeTitle.strip(Bytes.checkLatin1(calledAeTitle, AeTitle.LENGTH, "Called-AE-title"));
        callingAeTitle = AeTitle.strip(Bytes.checkLatin1(callingAeTitle, AeTitle.LENGTH, "Calling-AE-title"));
        if (applicationContext == null) {
            throw new NullPointerException("Application Context Item");
        }
        presentationContexts = List.copyOf(presentationContexts);
        if (presentationContexts.isEmpty()) {
            throw new IllegalArgumentException("an A-ASSOCIATE-AC needs at least one presentation context");
        }
        if (userInformation == null) {
            throw new NullPointerException("User Information Item");
        }
        unknownItems = List.copyOf(unknownItems);
    }

    @Override
    public int pduType() {
        return PduType.A_ASSOCIATE_AC;
    }

    /** The result item for a presentation context ID, or null. */
    public PresentationContextAcItem presentationContext(int id) {
        for (PresentationContextAcItem p : presentationContexts) {
            if (p.id() == id) {
                return p;
            }
        }
        return null;
    }

    /** A builder answering {@code rq}: echoes its AE titles and application context. */
    public static Builder builder(AAssociateRq rq) {
        return new Builder(rq.calledAeTitle(), rq.callingAeTitle(), rq.applicationContext());
    }

    /** Compact builder. */
    public static final class Builder {
        private final String called;
        private final String calling;
        private final ApplicationContextItem applicationContext;
        private final List<PresentationContextAcItem> contexts = new ArrayList<>();
        private final List<UserInformationSubItem> subItems = new ArrayList<>();

        private Builder(String called, String calling, ApplicationContextItem applicationContext) {
            this.called = called;
            this.calling = calling;
            this.applicationContext = applicationContext;
        }

        /** Accepts context {@code id} with {@code transferSyntax}. */
        public Builder accept(int id, String transferSyntax) {
            contexts.add(PresentationContextAcItem.accept(id, transferSyntax));
            return this;
        }

        /** Rejects context {@code id} with a {@code PresentationContextAcItem.RESULT_*} reason. */
        public Builder reject(int id, int result) {
            contexts.add(PresentationContextAcItem.reject(id, result));
            return this;
        }

        /** Adds a Maximum Length sub-item (PS3.8 D.1). */
        public Builder maximumLength(long max) {
            return subItem(new MaximumLength(max));
        }

        /** Adds an Implementation Class UID and, if not null, an Implementation Version Name. */
        public Builder implementation(String classUid, String versionName) {
            subItem(new ImplementationClassUid(classUid));
            return versionName == null ? this : subItem(new ImplementationVersionName(versionName));
        }

        /** Adds any user information sub-item. */
        public Builder subItem(UserInformationSubItem item) {
            subItems.add(item);
            return this;
        }

        public AAssociateAc build() {
            return new AAssociateAc(AAssociateRq.PROTOCOL_VERSION_1, called, calling, applicationContext, contexts,
                    new UserInformationItem(subItems), List.of());
        }
    }
}
