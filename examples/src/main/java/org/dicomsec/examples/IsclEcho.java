package org.dicomsec.examples;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomsec.data.UID;
import org.dicomsec.iscl.Iscl;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.SoftwareKeyCard;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRequest;

/**
 * C-ECHO over ISCL (PS3.15 B.2): mutual authentication with the shared key the
 * keyring holds for the pair (ENTITY, PEER_ENTITY), then Verification.
 * Usage: {@code IsclEcho HOST PORT KEYRING PASSWORD_FILE ENTITY PEER_ENTITY}
 * (the keyring's password is the first line of PASSWORD_FILE).
 */
public final class IsclEcho {

    public static void main(String[] args) throws Exception {
        char[] password = Files.readAllLines(Path.of(args[3])).get(0).toCharArray();
        IsclKeyring keyring = IsclKeyring.load(Path.of(args[2]), password);
        IsclConfig config = IsclConfig.builder(new SoftwareKeyCard(keyring), args[4]).build();
        AssociationRequest rq = AssociationRequest.builder("ANY-SCP", "EXAMPLE-SCU")
                .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian)
                .build();
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        try (Association a = Association.request(Iscl.connector(config, args[5]), server, rq)) {
            System.out.println("over " + a.security() + ", peer " + a.peer().name());
            System.out.println("C-ECHO: " + a.cecho().status());
            a.release();
        }
    }
}
