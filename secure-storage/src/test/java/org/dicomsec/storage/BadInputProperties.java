package org.dicomsec.storage;

import java.security.cert.CertificateParsingException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Sequence;
import org.dicomsec.data.Tag;
import org.dicomsec.data.VR;
import org.dicomsec.storage.commitment.CommitmentFormatException;
import org.dicomsec.storage.commitment.CommitmentRequest;
import org.dicomsec.storage.commitment.CommitmentResult;

/** Any input ends in a value or the module's clean error, never another exception. */
class BadInputProperties {

    @Property(tries = 2000)
    void certificatePoliciesDerEndsInAListOrAParsingException(@ForAll("der") byte[] der) {
        try {
            List<String> oids = CertificatePolicies.parse(der, 0, der.length);
            if (oids.isEmpty()) {
                throw new AssertionError("an empty list is not a valid result");
            }
        } catch (CertificateParsingException expected) {
            // clean error
        }
    }

    @Provide
    Arbitrary<byte[]> der() {
        // biased toward DER-looking bytes: SEQUENCE / OID tags and short lengths
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of((byte) 0x30, (byte) 0x06, (byte) 0x04, (byte) 0x80,
                        (byte) 0x81, (byte) 0x82, (byte) 0x00, (byte) 0x2a)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes()));
        return b.array(byte[].class).ofMaxSize(40);
    }

    @Property(tries = 500)
    void commitmentDataSetsEndInAModelOrAFormatException(@ForAll("commitmentDataSets") Dataset ds) {
        try {
            CommitmentRequest.fromDataset(ds, 3);
        } catch (CommitmentFormatException expected) {
            // clean error
        }
        try {
            CommitmentResult.fromDataset(ds, 3);
        } catch (CommitmentFormatException expected) {
            // clean error
        }
    }

    /** Raw value bytes, as a peer may send them: any characters, any length. */
    private static void ui(Dataset ds, int tag, String value) {
        ds.put(org.dicomsec.data.Element.of(tag, VR.UI, value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<Dataset> commitmentDataSets() {
        Arbitrary<String> uid = Arbitraries.oneOf(Arbitraries.of("1.2.3", "1.2.840.10008.5.1.4.1.1.2", "", "1..2",
                "01.2", "x"), Arbitraries.strings().ofMaxLength(70));
        Arbitrary<Integer> items = Arbitraries.integers().between(0, 5);
        return net.jqwik.api.Combinators.combine(uid, uid, uid, items, Arbitraries.integers().between(-1, 70000),
                Arbitraries.of(Tag.ReferencedSOPSequence, Tag.FailedSOPSequence, Tag.TransactionUID))
                .as((tx, cls, inst, n, reason, seqTag) -> {
                    Dataset ds = new Dataset();
                    if (!tx.isEmpty()) {
                        ui(ds, Tag.TransactionUID, tx);
                    }
                    if (seqTag == Tag.TransactionUID) {
                        ui(ds, Tag.ReferencedSOPSequence, cls); // not a sequence
                        return ds;
                    }
                    Sequence s = ds.newSequence(seqTag);
                    for (int i = 0; i < n; i++) {
                        Dataset item = s.addItem();
                        if (i % 2 == 0) {
                            ui(item, Tag.ReferencedSOPClassUID, cls);
                        }
                        ui(item, Tag.ReferencedSOPInstanceUID, inst);
                        if (reason >= 0) {
                            item.setInt(Tag.FailureReason, VR.US, reason);
                        }
                    }
                    return ds;
                });
    }
}
