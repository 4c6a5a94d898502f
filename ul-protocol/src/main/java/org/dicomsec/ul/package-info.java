/**
 * Associations (PS3.8 7, PS3.7 7 and 9-10): {@link org.dicomsec.ul.Association} requests or
 * accepts an association over any transport of the SPI, negotiates presentation contexts,
 * sends DIMSE requests and serves the peer's, releases and aborts; every step goes through the
 * PS3.8 state machine of {@code org.dicomsec.ul.fsm}. Data sets are streamed both ways.
 *
 * <p>Echo:
 * <pre>{@code
 * AssociationRequest rq = AssociationRequest.builder("PACS", "ME")
 *         .presentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build();
 * Association a = Association.request(PlainTcp.connector(), new InetSocketAddress("pacs", 104), rq);
 * Status s = a.cecho().status();
 * a.release();
 * }</pre>
 *
 * <p>Store a file (its data set goes to the wire as it is in the file):
 * <pre>{@code
 * Association a = Association.request(PlainTcp.connector(), address, AssociationRequest.builder("PACS", "ME")
 *         .presentationContext(UID.CTImageStorage, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian).build());
 * CStoreRsp rsp = a.cstore(Path.of("ct.dcm"));       // or a.cstore(sopClass, sopInstance, ts, inputStream)
 * a.release();
 * }</pre>
 *
 * <p>An SCP with a C-STORE handler:
 * <pre>{@code
 * AcceptorPolicy policy = AcceptorPolicy.builder().calledAeTitles("ARCHIVE")
 *         .abstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
 *         .anyAbstractSyntax(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian).build();
 * DimseHandlers handlers = DimseHandlers.builder()
 *         .cstore((assoc, pc, rq, dataSet) -> { store(rq.affectedSopInstanceUid(), dataSet); return Status.OK; })
 *         .build();
 * DicomServer server = new DicomServer(PlainTcp.acceptor(null, 11112), policy, handlers,
 *         AssociationSettings.DEFAULT, 8);
 * server.start();
 * ...
 * server.close();
 * }</pre>
 *
 * <p>N-ACTION and N-EVENT-REPORT (Storage Commitment): the SCU sends
 * {@code a.naction(UID.StorageCommitmentPushModel, UID.StorageCommitmentPushModelInstance, 1, request)}
 * and then listens with {@code a.serve()} (its {@link org.dicomsec.ul.NEventReportHandler} gets the
 * report); the SCP's {@link org.dicomsec.ul.NActionHandler} answers, and later, from any thread,
 * calls {@code assoc.neventReport(...)} on the same association, or opens a new one with
 * {@link org.dicomsec.ul.Association#request} (role selection SCP) and sends it there.
 */
package org.dicomsec.ul;
