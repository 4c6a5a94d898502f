package org.dicomsec.ul.pdu;

import java.util.ArrayList;
import java.util.List;

/**
 * A-ASSOCIATE-RQ PDU, type 01H (PS3.8 9.3.2, table 9-11).
 * AE titles are kept in their normal form (see {@link AeTitle}). The reserved fields are sent
 * as 00H and not tested on receipt (PS3.8 9.3.2, table 9-11 bytes 2, 9-10, 43-74).
 *
 * @param protocolVersion      Protocol-version bit field; bit 0 set is version 1 (the only one)
 * @param calledAeTitle        Called-AE-title
 * @param callingAeTitle       Calling-AE-title
 * @param applicationContext   the Application Context Item
 * @param presentationContexts one or more Presentation Context Items
 * @param userInformation      the User Information Item (empty if the peer sent none)
 * @param unknownItems         items of unknown type, kept and re-encoded after the others
 */
public record AAssociateRq(int protocolVersion, String calledAeTitle, String callingAeTitle,
                           ApplicationContextItem applicationContext,
                           List<PresentationContextRqItem> presentationContexts,
                           UserInformationItem userInformation, List<UnknownItem> unknownItems) implements Pdu {
    /** Protocol version 1: bit 0 of the Protocol-version field (PS3.8 9.3.2). */
    public static final int PROTOCOL_VERSION_1 = 0x0001;

    public AAssociateRq {
        if (protocolVersion < 0 || protocolVersion > 0xFFFF) {
            throw new IllegalArgumentException("Protocol-version is 16 bits: " + protocolVersion);
        }
        calledAeTitle = AeTitle.validate(calledAeTitle);
        callingAeTitle = AeTitle.validate(callingAeTitle);
        if (applicationContext == null) {
            throw new NullPointerException("Application Context Item");
        }
        presentationContexts = List.copyOf(presentationContexts);
        if (presentationContexts.isEmpty()) {
            throw new IllegalArgumentException("an A-ASSOCIATE-RQ needs at least one presentation context");
        }
        if (userInformation == null) {
            throw new NullPointerException("User Information Item");
        }
        unknownItems = List.copyOf(unknownItems);
    }

    @Override
    public int pduType() {
        return PduType.A_ASSOCIATE_RQ;
    }

    /** Starts a builder with protocol version 1, the DICOM application context and no user information. */
    public static Builder builder(String calledAeTitle, String callingAeTitle) {
        return new Builder(calledAeTitle, callingAeTitle);
    }

    /** Compact builder for the common case. */
    public static final class Builder {
        private final String called;
        private final String calling;
        private ApplicationContextItem applicationContext = ApplicationContextItem.DICOM;
        private final List<PresentationContextRqItem> contexts = new ArrayList<>();
        private final List<UserInformationSubItem> subItems = new ArrayList<>();
        private int nextId = 1;

        private Builder(String called, String calling) {
            this.called = called;
            this.calling = calling;
        }

        /** Replaces the application context (default: the DICOM one). */
        public Builder applicationContext(String name) {
            applicationContext = new ApplicationContextItem(name);
            return this;
        }

        /** Adds a context with the next free odd ID (1, 3, 5, ...). */
        public Builder presentationContext(String abstractSyntax, String... transferSyntaxes) {
            if (nextId > 255) {
                throw new IllegalStateException("no more than 128 presentation contexts");
            }
            contexts.add(PresentationContextRqItem.of(nextId, abstractSyntax, transferSyntaxes));
            nextId += 2;
            return this;
        }

        /** Adds a fully specified context. */
        public Builder presentationContext(PresentationContextRqItem item) {
            contexts.add(item);
            nextId = Math.max(nextId, item.id() + 2);
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

        /** Builds the PDU; validates AE titles and contexts. */
        public AAssociateRq build() {
            return new AAssociateRq(PROTOCOL_VERSION_1, called, calling, applicationContext, contexts,
                    new UserInformationItem(subItems), List.of());
        }
    }
}
