package org.dicomsec.ul;

import java.io.IOException;

import org.dicomsec.ul.pdu.AAssociateRj;

/** The association was rejected with an A-ASSOCIATE-RJ (PS3.8 9.3.4), by the peer or by this side. */
public final class AssociationRejectedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient AAssociateRj reject;
    private final String calledAeTitle;
    private final String callingAeTitle;

    public AssociationRejectedException(String message, AAssociateRj reject) {
        this(message, reject, null, null);
    }

    /**
     * A rejection of the A-ASSOCIATE-RQ this side sent with these AE titles (a user is told which
     * title the peer did not recognize).
     */
    public AssociationRejectedException(String message, AAssociateRj reject, String calledAeTitle,
                                        String callingAeTitle) {
        super(message + ": " + AAssociateRj.resultName(reject.result()) + ", source "
                + AAssociateRj.sourceName(reject.source()) + ", reason "
                + AAssociateRj.reasonName(reject.source(), reject.reason()));
        this.reject = reject;
        this.calledAeTitle = calledAeTitle;
        this.callingAeTitle = callingAeTitle;
    }

    /** The A-ASSOCIATE-RJ PDU with result, source and reason. */
    public AAssociateRj reject() {
        return reject;
    }

    /** The Called-AE-title of the rejected request, when this side sent it; else empty. */
    public java.util.Optional<String> calledAeTitle() {
        return java.util.Optional.ofNullable(calledAeTitle);
    }

    /** The Calling-AE-title of the rejected request, when this side sent it; else empty. */
    public java.util.Optional<String> callingAeTitle() {
        return java.util.Optional.ofNullable(callingAeTitle);
    }
}
