package org.dicomsec.storage;

import java.util.Optional;

/**
 * Rules c, d, e and f of PS3.15 A.1.1 as pure decisions: given the local
 * status, what the sender means to do, and the facts about the transfer
 * ({@link TransferContext}), what is sent, what is stored, and what happens
 * to the sender's copy after a confirmed commitment. No I/O.
 *
 * <p>The choices the profile leaves open are configuration:
 * {@code authorizedCopyStatus} (e.3: NS or AC in an authorized copy),
 * {@code stripWhenUnsecured} (f.1: set NS, or leave the status and its
 * companions out) and {@code afterCommitment} (d.5: delete, NS, or AC from AO).
 */
public final class TransferRules {

    private final SopInstanceStatus authorizedCopyStatus;
    private final boolean stripWhenUnsecured;
    private final AfterCommitment afterCommitment;

    /**
     * @param authorizedCopyStatus AC or NS: the status of an authorized copy (e.3)
     * @param stripWhenUnsecured   true: leave out the status and companions when f applies; false: set NS
     * @param afterCommitment      what d.5 choice to make with the local copy
     */
    public TransferRules(SopInstanceStatus authorizedCopyStatus, boolean stripWhenUnsecured,
                         AfterCommitment afterCommitment) {
        if (authorizedCopyStatus != SopInstanceStatus.AC && authorizedCopyStatus != SopInstanceStatus.NS) {
            throw new IllegalArgumentException("rule e.3: an authorized copy is sent as NS or AC, not "
                    + authorizedCopyStatus);
        }
        this.authorizedCopyStatus = authorizedCopyStatus;
        this.stripWhenUnsecured = stripWhenUnsecured;
        this.afterCommitment = java.util.Objects.requireNonNull(afterCommitment, "afterCommitment");
    }

    /** Authorized copies as AC, NS when unsecured, and the sender's copy to NS after a transfer (AC from AO). */
    public static TransferRules defaults() {
        return new TransferRules(SopInstanceStatus.AC, false, AfterCommitment.SET_AC);
    }

    public AfterCommitment afterCommitment() {
        return afterCommitment;
    }

    /**
     * Rule d: why an instance held in {@code local} cannot be transferred as the original, or
     * empty when it can (OR, AO).
     */
    public static Optional<String> notAnOriginal(Optional<SopInstanceStatus> local) {
        if (local.map(SopInstanceStatus::isOriginal).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of("only an instance held as OR or AO can be transferred as the original, this one is "
                + local.map(st -> "held as " + st.name()).orElse("without status"));
    }

    /**
     * Rules d, e, f for the sender.
     *
     * @param local               the status of the instance as held here (empty: none)
     * @param intent              transfer of the original, or a copy
     * @param ctx                 the transfer's security facts
     * @param confirmationPending true when this AE received the instance as an original and has
     *                            not yet confirmed the commitment: rule d.4 forbids forwarding it
     */
    public SendDecision decideSend(Optional<SopInstanceStatus> local, SendIntent intent, TransferContext ctx,
                                   boolean confirmationPending) {
        if (confirmationPending) {
            return SendDecision.refuse('d', "d.4: the instance was received as an original and its transfer"
                    + " is not yet confirmed by Storage Commitment: it may not be forwarded");
        }
        SopInstanceStatus s = local.orElse(null);
        if (intent == SendIntent.TRANSFER_ORIGINAL) {
            Optional<String> not = notAnOriginal(local);
            if (not.isPresent()) {
                return SendDecision.refuse('d', not.get());
            }
            if (!ctx.qualifies()) {
                return SendDecision.refuse('d', "d.1/d.2: " + ctx.shortfall());
            }
            return new SendDecision(true, StatusEdit.none(), local, true, 'd',
                    "d: transfer of the original " + s + " to " + ctx.peer() + ", to be confirmed by Storage Commitment");
        }
        if (!ctx.qualifies()) {
            if (stripWhenUnsecured || s == null) {
                return new SendDecision(true, StatusEdit.strip(), Optional.empty(), false, 'f',
                        "f.1: status and companions left out: " + ctx.shortfall());
            }
            return new SendDecision(true, StatusEdit.status(SopInstanceStatus.NS), Optional.of(SopInstanceStatus.NS),
                    false, 'f', "f.1: status set to NS: " + ctx.shortfall());
        }
        if (s == null || s == SopInstanceStatus.NS) {
            return new SendDecision(true, StatusEdit.none(), local, false, 'e', "copy sent as it is held");
        }
        if (s.isAuthorized()) {
            return new SendDecision(true, StatusEdit.status(authorizedCopyStatus), Optional.of(authorizedCopyStatus),
                    false, 'e', "e.3: authorized copy sent as " + authorizedCopyStatus);
        }
        // OR: not yet authorized, so no authorized copy (e); sending it as OR would make a second original (c)
        return new SendDecision(true, StatusEdit.status(SopInstanceStatus.NS), Optional.of(SopInstanceStatus.NS),
                false, 'c', "c: a copy of an unauthorized original is sent as NS");
    }

    /**
     * Rules c, d, e, f for the receiver, before storing.
     *
     * @param received     the status in the received instance (empty: none)
     * @param ctx          the transfer's security facts
     * @param heldLocally  the status of the instance with the same SOP Instance UID held here, if any
     */
    public ReceiveDecision decideReceive(Optional<SopInstanceStatus> received, TransferContext ctx,
                                         Optional<SopInstanceStatus> heldLocally) {
        if (heldLocally.isPresent() && heldLocally.get().isOriginal()) {
            return new ReceiveDecision(false, StatusEdit.none(), Optional.empty(), false, 'c',
                    "c: this AE holds the instance as " + heldLocally.get() + "; it receives no other copy of it");
        }
        if (!ctx.qualifies()) {
            return new ReceiveDecision(true, StatusEdit.status(SopInstanceStatus.NS),
                    Optional.of(SopInstanceStatus.NS), false, 'f', "f.2: status set to NS: " + ctx.shortfall());
        }
        boolean original = received.isPresent() && received.get().isOriginal();
        return new ReceiveDecision(true, StatusEdit.none(), received, original, original ? 'd' : 'e',
                original ? "d: original received from " + ctx.peer() + "; not forwarded until committed"
                        : "stored as received");
    }

    /**
     * Rule d.5: what to do with the local copy of an original once the peer
     * confirmed the commitment. SET_AC applies from AO only (d.5.c); from OR the
     * configured SET_AC becomes SET_NS (d.5.b).
     *
     * @param localStatus the status the local copy had when it was transferred (OR or AO)
     */
    public AfterCommitment decideAfterCommitment(SopInstanceStatus localStatus) {
        if (!localStatus.isOriginal()) {
            throw new IllegalArgumentException("d.5 applies after the transfer of an original, not of "
                    + localStatus);
        }
        if (afterCommitment == AfterCommitment.SET_AC && localStatus != SopInstanceStatus.AO) {
            return AfterCommitment.SET_NS;
        }
        return afterCommitment;
    }

    /** The edit that carries out a d.5 choice other than DELETE. */
    public static StatusEdit editFor(AfterCommitment action) {
        switch (action) {
            case SET_NS:
                return StatusEdit.status(SopInstanceStatus.NS);
            case SET_AC:
                return StatusEdit.status(SopInstanceStatus.AC);
            default:
                throw new IllegalArgumentException("DELETE is not an edit");
        }
    }
}
