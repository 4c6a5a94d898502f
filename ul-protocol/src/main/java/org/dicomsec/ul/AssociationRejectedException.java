package org.dicomsec.ul;

import java.io.IOException;

import org.dicomsec.ul.pdu.AAssociateRj;

/** The association was rejected with an A-ASSOCIATE-RJ (PS3.8 9.3.4), by the peer or by this side. */
public final class AssociationRejectedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient AAssociateRj reject;

    public AssociationRejectedException(String message, AAssociateRj reject) {
        super(message + ": " + AAssociateRj.resultName(reject.result()) + ", source "
                + AAssociateRj.sourceName(reject.source()) + ", reason "
                + AAssociateRj.reasonName(reject.source(), reject.reason()));
        this.reject = reject;
    }

    /** The A-ASSOCIATE-RJ PDU with result, source and reason. */
    public AAssociateRj reject() {
        return reject;
    }
}
