package org.dicomsec.iscl.wire;

/** Packet types of docs/iscl-wire-format.md section 3. */
public final class PacketType {
    public static final int LINE_CONNECT_RQ = 0x01;
    public static final int LINE_CONNECT_AC = 0x02;
    public static final int LINE_CONNECT_RJ = 0x03;
    public static final int LINE_CHECK = 0x04;
    public static final int LINE_CHECK_RSP = 0x05;
    public static final int AUTH_CHALLENGE = 0x11;
    public static final int AUTH_TOKEN_AB = 0x12;
    public static final int AUTH_TOKEN_BA = 0x13;
    public static final int AUTH_RESULT = 0x14;
    public static final int DATA = 0x20;
    public static final int DISCONNECT = 0x21;
    public static final int ERROR = 0x7F;

    private PacketType() {
    }

    /** The standard name of a type, for logs. */
    public static String name(int type) {
        return switch (type) {
            case LINE_CONNECT_RQ -> "LINE-CONNECT-RQ";
            case LINE_CONNECT_AC -> "LINE-CONNECT-AC";
            case LINE_CONNECT_RJ -> "LINE-CONNECT-RJ";
            case LINE_CHECK -> "LINE-CHECK";
            case LINE_CHECK_RSP -> "LINE-CHECK-RSP";
            case AUTH_CHALLENGE -> "AUTH-CHALLENGE";
            case AUTH_TOKEN_AB -> "AUTH-TOKEN-AB";
            case AUTH_TOKEN_BA -> "AUTH-TOKEN-BA";
            case AUTH_RESULT -> "AUTH-RESULT";
            case DATA -> "DATA";
            case DISCONNECT -> "DISCONNECT";
            case ERROR -> "ERROR";
            default -> String.format("unknown type 0x%02X", type);
        };
    }
}
