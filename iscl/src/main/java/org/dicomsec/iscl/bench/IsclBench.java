package org.dicomsec.iscl.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.dicomsec.iscl.IntegrityMechanism;
import org.dicomsec.iscl.Iscl;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.PrivacyMechanism;
import org.dicomsec.iscl.crypto.DesBlock;
import org.dicomsec.iscl.crypto.DesKey;
import org.dicomsec.iscl.crypto.DesMac;
import org.dicomsec.iscl.crypto.Md5Des;
import org.dicomsec.iscl.crypto.Md5Order;
import org.dicomsec.iscl.crypto.RandomBytes;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.SoftwareKeyCard;
import org.dicomsec.ul.bench.CryptoThroughput;
import org.dicomsec.ul.bench.Loopback;

/**
 * ISCL's part of a throughput estimate ({@code dicomsec bench}): its record
 * primitives as crypto tasks for {@link CryptoThroughput} (DES-CBC, DES-MAC,
 * MD5+DES, on BouncyCastle's DESEngine, each on one {@link CryptoThroughput#BUFFER}
 * buffer), and an ISCL connection pair on loopback for the transfer rows.
 */
public final class IsclBench implements AutoCloseable {

    private static final String SCU = "BENCH-SCU";
    private static final String SCP = "BENCH-SCP";

    private final DesKey key = DesKey.generate(RandomBytes.secure());
    private final IsclKeyring scu = IsclKeyring.create();
    private final IsclKeyring scp = IsclKeyring.create();

    /** A fresh DES key for the crypto tasks and a generated keyring pair for the loopback connections. */
    public IsclBench() {
        scu.putGenerated(SCU, SCP, Map.of());
        scu.mirrorInto(scp, SCU, SCP, Map.of());
    }

    /** DES-CBC, DES-MAC and MD5+DES, in that order, each named as its row. */
    public List<CryptoThroughput.Task> cryptoTasks() {
        byte[] buf = new byte[CryptoThroughput.BUFFER];
        SecureRandom random = new SecureRandom();
        random.nextBytes(buf);
        DesBlock des = new DesBlock(key);
        DesMac mac = new DesMac(key);
        byte[] r8 = new byte[8];
        random.nextBytes(r8);
        Md5Des md5des = new Md5Des(key, r8);
        byte[] iv = new byte[8];
        byte[] tag = new byte[16];
        long[] seq = {0};
        return List.of(
                new CryptoThroughput.Task("DES-CBC", "iscl (BC DESEngine)", () -> {
                    des.cbcEncrypt(iv, buf, 0, buf.length);
                    return buf[0];
                }),
                new CryptoThroughput.Task("DES-MAC", "iscl (BC DESEngine)", () -> {
                    mac.update(buf, 0, buf.length);
                    mac.doFinal(tag, 0);
                    return tag[0];
                }),
                new CryptoThroughput.Task("MD5+DES", "iscl (JDK MD5, BC DESEngine)", () -> {
                    md5des.begin(Md5Order.ENCRYPT_RANDOM_THEN_HASH, seq[0]++);
                    md5des.update(buf, 0, buf.length);
                    md5des.doFinal(Md5Order.ENCRYPT_RANDOM_THEN_HASH, tag, 0);
                    return tag[0];
                }));
    }

    /**
     * An ISCL pair on a free loopback port: DES-MAC integrity, with or without DES-CBC privacy.
     *
     * @param name the row's name
     */
    public Loopback loopback(String name, boolean privacy) throws IOException {
        IsclConfig c = IsclConfig.builder(new SoftwareKeyCard(scu), SCU).integrity(IntegrityMechanism.DES_MAC)
                .privacy(privacy ? PrivacyMechanism.DES_CBC : PrivacyMechanism.NONE).build();
        IsclConfig s = IsclConfig.builder(new SoftwareKeyCard(scp), SCP).build();
        return new Loopback(name, Iscl.connector(c, SCP), Iscl.acceptor(s, InetAddress.getLoopbackAddress(), 0));
    }

    /** Destroys the crypto tasks' key. */
    @Override
    public void close() {
        key.destroy();
    }
}
