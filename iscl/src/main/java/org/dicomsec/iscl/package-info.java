/**
 * ISCL Secure Transport Connection Profile (PS3.15 B.2), as a transport of the
 * Upper Layer's SPI: mutual authentication by the three-pass mechanism of
 * ISO/IEC 9798-2 with long-term DES keys shared by pairs of entities, then
 * records protected by DES-MAC or MD5+DES and, optionally, DES-CBC. The wire
 * format, designed by dicomsec since the MEDIS-DC text is not public, is
 * docs/iscl-wire-format.md.
 *
 * <p>Keys: a keyring file (docs/keyring-format.md) maps (local entity, remote
 * entity) to a DES key; {@code dicomsec keys iscl add A.keyring --local A
 * --remote B --export-peer B.keyring} makes both sides ({@code --key-hex} takes a
 * key another implementation made), or in code:
 *
 * <pre>{@code
 * IsclKeyring a = IsclKeyring.create();
 * KeyringEntry e = a.putGenerated("MODALITY", "ARCHIVE", Map.of("profile.online-storage", "true"));
 * IsclKeyring b = IsclKeyring.create();
 * a.mirrorInto(b, "MODALITY", "ARCHIVE", Map.of());   // the same key as (ARCHIVE, MODALITY)
 * a.save(Path.of("modality.keyring"), password);       // PBKDF2 + AES-256-GCM, owner-only
 * }</pre>
 *
 * <p>A connector (initiator) and an acceptor (responder, default port
 * {@link org.dicomsec.iscl.Iscl#DEFAULT_PORT} 2761), used like any transport:
 *
 * <pre>{@code
 * IsclConfig scu = IsclConfig.builder(new SoftwareKeyCard(IsclKeyring.load(file, password)), "MODALITY")
 *         .integrity(IntegrityMechanism.DES_MAC, IntegrityMechanism.MD5_DES)   // preferred first
 *         .privacy(PrivacyMechanism.DES_CBC)                                   // require privacy
 *         .build();
 * Association a = Association.request(Iscl.connector(scu, "ARCHIVE"), new InetSocketAddress(host, 2761), rq);
 *
 * IsclConfig scp = IsclConfig.builder(new SoftwareKeyCard(ring), "ARCHIVE").build();
 * DicomServer server = new DicomServer(Iscl.acceptor(scp, null, Iscl.DEFAULT_PORT), policy, handlers, settings, 8);
 * }</pre>
 *
 * <p>{@link org.dicomsec.iscl.IsclEndpoint} builds either side from a keyring
 * and options (one peer entity only, privacy required, the calling-AE-title
 * check of docs/iscl-wire-format.md section 15, the per-key volume limit of
 * section 8.8), as {@code dicomsec echo|store|scp --iscl} do.
 *
 * <p>The authenticated peer is {@code connection.peer()}: kind ISCL_ENTITY, the
 * entity name, and the keyring entry's flags as attributes. A handshake that
 * fails is an {@link org.dicomsec.iscl.IsclException} with its
 * {@link org.dicomsec.iscl.IsclError} code; after the handshake, a record that
 * fails its checks, and a connection lost without DISCONNECT, surface as
 * {@link org.dicomsec.iscl.IsclIntegrityException}, a
 * {@code TransportIntegrityException}: the Upper Layer issues A-P-ABORT with
 * provider reason 0x80; so does reaching the volume limit (1 GiB of records per
 * direction by default), announced by DISCONNECT reason VOLUME_LIMIT. An entity
 * pair without a key is answered like a wrong key. Maximum packet size 65,536
 * by default (measured:
 * docs/benchmarks.md, section ISCL).
 */
package org.dicomsec.iscl;
