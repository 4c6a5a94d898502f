package org.dicomsec.ul;

import org.dicomsec.ul.pdu.PresentationContextAcItem;

/**
 * A negotiated presentation context (PS3.8 7.1.1.13): the proposed abstract syntax and the
 * acceptor's result; the transfer syntax when accepted.
 *
 * @param id             presentation context ID (odd, 1..255)
 * @param abstractSyntax the proposed abstract syntax (SOP class)
 * @param transferSyntax the accepted transfer syntax, or null when rejected
 * @param result         Result/Reason of PS3.8 table 9-18 ({@code PresentationContextAcItem.RESULT_*})
 */
public record PresentationContext(int id, String abstractSyntax, String transferSyntax, int result) {

    public boolean accepted() {
        return result == PresentationContextAcItem.RESULT_ACCEPTANCE && transferSyntax != null;
    }

    @Override
    public String toString() {
        return "PC " + id + " " + abstractSyntax + (accepted() ? " accepted " + transferSyntax
                : " rejected: " + PresentationContextAcItem.resultName(result));
    }
}
