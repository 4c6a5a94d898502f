package org.dicomsec.ul.pdu;

/**
 * Presentation Context Item of an A-ASSOCIATE-AC, type 21H (PS3.8 9.3.3.2, table 9-18).
 * The transfer syntax sub-item is significant only when the result is acceptance; a peer
 * may omit it otherwise, so it is {@code null} when absent.
 *
 * @param id             presentation context ID (odd, 1..255) of the proposed context
 * @param result         Result/Reason, one of the {@code RESULT_*} constants (other values are kept)
 * @param transferSyntax the accepted transfer syntax, or {@code null} if absent
 */
public record PresentationContextAcItem(int id, int result, TransferSyntaxSubItem transferSyntax) {
    /** Item type 21H. */
    public static final int ITEM_TYPE = 0x21;
    /** Result/Reason 0: acceptance. */
    public static final int RESULT_ACCEPTANCE = 0;
    /** Result/Reason 1: user-rejection. */
    public static final int RESULT_USER_REJECTION = 1;
    /** Result/Reason 2: no-reason (provider rejection). */
    public static final int RESULT_NO_REASON = 2;
    /** Result/Reason 3: abstract-syntax-not-supported (provider rejection). */
    public static final int RESULT_ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    /** Result/Reason 4: transfer-syntaxes-not-supported (provider rejection). */
    public static final int RESULT_TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    public PresentationContextAcItem {
        PresentationContextRqItem.checkId(id);
        if (result < 0 || result > 255) {
            throw new IllegalArgumentException("Result/Reason must fit one byte: " + result);
        }
    }

    /** An accepted context. */
    public static PresentationContextAcItem accept(int id, String transferSyntax) {
        return new PresentationContextAcItem(id, RESULT_ACCEPTANCE, new TransferSyntaxSubItem(transferSyntax));
    }

    /** A rejected context; no transfer syntax sub-item is sent. */
    public static PresentationContextAcItem reject(int id, int result) {
        if (result == RESULT_ACCEPTANCE) {
            throw new IllegalArgumentException("rejection needs a result other than acceptance");
        }
        return new PresentationContextAcItem(id, result, null);
    }

    /** True if the result is acceptance. */
    public boolean accepted() {
        return result == RESULT_ACCEPTANCE;
    }

    /** The standard's name of a Result/Reason value (PS3.8 table 9-18). */
    public static String resultName(int result) {
        return switch (result) {
            case RESULT_ACCEPTANCE -> "acceptance";
            case RESULT_USER_REJECTION -> "user-rejection";
            case RESULT_NO_REASON -> "no-reason (provider rejection)";
            case RESULT_ABSTRACT_SYNTAX_NOT_SUPPORTED -> "abstract-syntax-not-supported (provider rejection)";
            case RESULT_TRANSFER_SYNTAXES_NOT_SUPPORTED -> "transfer-syntaxes-not-supported (provider rejection)";
            default -> "unknown result " + result;
        };
    }
}
