package org.dicomsec.ul;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.dicomsec.data.UID;
import org.dicomsec.ul.pdu.AAssociateRq;
import org.dicomsec.ul.pdu.AeTitle;
import org.dicomsec.ul.pdu.AsynchronousOperationsWindow;
import org.dicomsec.ul.pdu.PresentationContextRqItem;
import org.dicomsec.ul.pdu.ScpScuRoleSelection;
import org.dicomsec.ul.pdu.UserIdentityRq;

/**
 * What a requestor proposes (PS3.8 7.1.1, PS3.7 Annex D.3): AE titles (validated, 16 characters
 * at most), presentation contexts with one or more transfer syntaxes each, role selection, the
 * asynchronous operations window (PS3.7 D.3.3.3: how many requests this side may keep
 * outstanding, and how many of the peer's it performs at once), an optional user identity, and the {@link AssociationSettings} (Maximum Length sent
 * in the A-ASSOCIATE-RQ). The Implementation Class UID and Version Name are the codec's
 * {@link UID#ImplementationClassUID} and {@link UID#ImplementationVersionName}.
 */
public final class AssociationRequest {
    private final String calledAeTitle;
    private final String callingAeTitle;
    private final List<PresentationContextRqItem> contexts;
    private final List<ScpScuRoleSelection> roles;
    private final AsynchronousOperationsWindow asyncWindow;
    private final UserIdentityRq userIdentity;
    private final AssociationSettings settings;

    private AssociationRequest(Builder b) {
        this.calledAeTitle = b.called;
        this.callingAeTitle = b.calling;
        this.contexts = List.copyOf(b.contexts);
        this.roles = List.copyOf(b.roles);
        this.asyncWindow = b.asyncWindow;
        this.userIdentity = b.userIdentity;
        this.settings = b.settings;
        if (contexts.isEmpty()) {
            throw new IllegalArgumentException("an association request needs at least one presentation context");
        }
    }

    /** Starts a request; AE titles are validated (PS3.5 VR AE: 1-16 characters, no backslash or control). */
    public static Builder builder(String calledAeTitle, String callingAeTitle) {
        return new Builder(AeTitle.validate(calledAeTitle), AeTitle.validate(callingAeTitle));
    }

    public String calledAeTitle() {
        return calledAeTitle;
    }

    public String callingAeTitle() {
        return callingAeTitle;
    }

    public AssociationSettings settings() {
        return settings;
    }

    /** The A-ASSOCIATE-RQ PDU. */
    public AAssociateRq toPdu() {
        AAssociateRq.Builder b = AAssociateRq.builder(calledAeTitle, callingAeTitle);
        contexts.forEach(b::presentationContext);
        b.maximumLength(settings.maxPduLength());
        b.implementation(UID.ImplementationClassUID, UID.ImplementationVersionName);
        if (asyncWindow != null) {
            b.subItem(asyncWindow);
        }
        roles.forEach(b::subItem);
        if (userIdentity != null) {
            b.subItem(userIdentity);
        }
        return b.build();
    }

    public static final class Builder {
        private final String called;
        private final String calling;
        private final List<PresentationContextRqItem> contexts = new ArrayList<>();
        private final List<ScpScuRoleSelection> roles = new ArrayList<>();
        private AsynchronousOperationsWindow asyncWindow;
        private UserIdentityRq userIdentity;
        private AssociationSettings settings = AssociationSettings.DEFAULT;
        private int nextId = 1;

        private Builder(String called, String calling) {
            this.called = called;
            this.calling = calling;
        }

        /** Proposes a context with the next odd ID and the transfer syntaxes in order of preference. */
        public Builder presentationContext(String abstractSyntax, String... transferSyntaxes) {
            if (nextId > 255) {
                throw new IllegalStateException("no more than 128 presentation contexts (PS3.8 9.3.2.2)");
            }
            if (transferSyntaxes.length == 0) {
                throw new IllegalArgumentException("a presentation context needs a transfer syntax");
            }
            contexts.add(PresentationContextRqItem.of(nextId, abstractSyntax, transferSyntaxes));
            nextId += 2;
            return this;
        }

        /**
         * Proposes what sending {@code files} as they are needs: one context per (SOP class,
         * transfer syntax) met, in the order met, each with that one transfer syntax (a data set
         * goes to the wire in its file's own encoding).
         *
         * @throws IllegalArgumentException when that is more contexts than one association can
         *                                  propose (128 with those already proposed; PS3.8 9.3.2.2)
         */
        public Builder presentationContextsFor(Collection<DicomFiles.Info> files) {
            Set<List<String>> pairs = new LinkedHashSet<>();
            for (DicomFiles.Info f : files) {
                pairs.add(List.of(f.sopClassUid(), f.transferSyntaxUid()));
            }
            int room = (257 - nextId) / 2;
            if (pairs.size() > room) {
                throw new IllegalArgumentException(pairs.size() + " combinations of SOP class and transfer syntax:"
                        + " more than the " + room + " presentation contexts one association can propose");
            }
            pairs.forEach(p -> presentationContext(p.get(0), p.get(1)));
            return this;
        }

        /** Proposes SCU and/or SCP role for a SOP class (PS3.7 D.3.3.4). */
        public Builder roleSelection(String sopClassUid, boolean scu, boolean scp) {
            roles.add(new ScpScuRoleSelection(sopClassUid, scu, scp));
            return this;
        }

        /** Sends an Asynchronous Operations Window sub-item of 1/1 (PS3.7 D.3.3.3); absent means 1/1 too. */
        public Builder asynchronousOperationsWindow(boolean send) {
            this.asyncWindow = send ? new AsynchronousOperationsWindow(1, 1) : null;
            return this;
        }

        /**
         * Proposes an Asynchronous Operations Window (PS3.7 D.3.3.3): this side invokes up to
         * {@code maxInvoked} requests without waiting for their responses and performs up to
         * {@code maxPerformed} of the peer's at once (0 = unlimited, which this implementation caps
         * at 64). The association then keeps the smaller of this and the acceptor's answer; an
         * acceptor that does not answer the sub-item means 1/1. (1, 1) is today's behaviour and
         * sends no sub-item.
         */
        public Builder asynchronousOperationsWindow(int maxInvoked, int maxPerformed) {
            AsynchronousOperationsWindow w = new AsynchronousOperationsWindow(maxInvoked, maxPerformed);
            this.asyncWindow = maxInvoked == 1 && maxPerformed == 1 ? null : w;
            return this;
        }

        /** Adds a User Identity sub-item (PS3.7 D.3.3.7). */
        public Builder userIdentity(UserIdentityRq identity) {
            this.userIdentity = Objects.requireNonNull(identity);
            return this;
        }

        public Builder settings(AssociationSettings s) {
            this.settings = Objects.requireNonNull(s);
            return this;
        }

        public AssociationRequest build() {
            return new AssociationRequest(this);
        }
    }
}
