package org.dicomsec.ul.pdu;

import java.util.List;

/**
 * Presentation Context Item of an A-ASSOCIATE-RQ, type 20H (PS3.8 9.3.2.2, table 9-13):
 * one abstract syntax and one or more transfer syntaxes. Sub-items of other types are
 * skipped on receipt.
 *
 * @param id               presentation context ID, an odd integer 1..255 (PS3.8 9.3.2.2)
 * @param abstractSyntax   the abstract syntax
 * @param transferSyntaxes one or more proposed transfer syntaxes, in order of proposal
 */
public record PresentationContextRqItem(int id, AbstractSyntaxSubItem abstractSyntax,
                                        List<TransferSyntaxSubItem> transferSyntaxes) {
    /** Item type 20H. */
    public static final int ITEM_TYPE = 0x20;

    public PresentationContextRqItem {
        checkId(id);
        if (abstractSyntax == null) {
            throw new NullPointerException("Abstract Syntax Sub-Item");
        }
        transferSyntaxes = List.copyOf(transferSyntaxes);
        if (transferSyntaxes.isEmpty()) {
            throw new IllegalArgumentException("a presentation context needs at least one transfer syntax");
        }
    }

    /** Convenience: context with UIDs given as strings. */
    public static PresentationContextRqItem of(int id, String abstractSyntax, String... transferSyntaxes) {
        return new PresentationContextRqItem(id, new AbstractSyntaxSubItem(abstractSyntax),
                java.util.Arrays.stream(transferSyntaxes).map(TransferSyntaxSubItem::new).toList());
    }

    static void checkId(int id) {
        if (id < 1 || id > 255 || (id & 1) == 0) {
            throw new IllegalArgumentException("Presentation-context-ID must be odd, 1..255: " + id);
        }
    }
}
