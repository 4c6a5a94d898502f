/**
 * PS3.8 section 9.2: the Upper Layer state machine as a table, and the ARTIM timer.
 *
 * <p>{@link org.dicomsec.ul.fsm.State} (Sta1..Sta13, tables 9-1 to 9-5),
 * {@link org.dicomsec.ul.fsm.Event} (Evt1..Evt19) and
 * {@link org.dicomsec.ul.fsm.Action} (AE-1..8, DT-1..2, AR-1..10, AA-1..8,
 * tables 9-6 to 9-9) carry the standard's wording;
 * {@link org.dicomsec.ul.fsm.StateTransitionTable} is table 9-10 as one literal;
 * {@link org.dicomsec.ul.fsm.StateMachine} runs it for one association and
 * calls an {@link org.dicomsec.ul.fsm.ActionHandler} for the I/O. The package
 * knows events and actions, not bytes: mapping PDUs to events and performing
 * the actions is the association's work.
 *
 * <p>Where table 9-10 is terse, and what this implementation expects of the
 * association that drives it:
 * <ul>
 *   <li>AA-1 is "Send A-ABORT PDU (service-user source)", yet table 9-10 also
 *       uses it for an unexpected PDU in Sta2, before any service-user has seen
 *       the association. The table is followed as written (source 0; the
 *       reason is then not significant, PS3.8 9.3.8).</li>
 *   <li>AA-7 ("Send A-ABORT PDU", Sta13 + Evt6 or Evt19) names no source;
 *       the service-provider source (2) with reason unexpected-PDU (2) or
 *       unrecognized-PDU (1) fits the cases it covers.</li>
 *   <li>Table 9-10 has no A-ABORT request (Evt15) in Sta2 or Sta13: a server
 *       that shuts down while a connection waits for its A-ASSOCIATE-RQ closes
 *       the transport, which arrives as Evt17 (AA-5).</li>
 *   <li>Evt17 in Sta1 has no action: after AE-4, AR-3, AA-2 or AA-3 closed the
 *       connection, the reader's end of stream is routine.</li>
 *   <li>ARTIM is started by AE-5, AE-6 (reject branch), AE-8, AR-4, AA-1 and
 *       AA-8, and stopped by AE-6, AR-5, AA-2 and AA-5; with table 9-10 this
 *       keeps it running exactly in Sta2 and Sta13, the only states with an
 *       Evt18 cell. Other timeouts (waiting for an A-ASSOCIATE-AC, an
 *       A-RELEASE-RP, or a DIMSE response) are not ARTIM (PS3.8 9.1.4, note 2):
 *       the association issues Evt15 for them.</li>
 * </ul>
 */
package org.dicomsec.ul.fsm;
