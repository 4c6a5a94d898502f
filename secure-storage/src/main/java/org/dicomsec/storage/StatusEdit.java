package org.dicomsec.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dicomsec.data.Tag;

/**
 * A change to the controlled attributes of PS3.15 A.1.1 rules g and h, and to
 * nothing else: for each of (0100,0410), (0100,0420), (0100,0424), (0100,0426)
 * either a new value, removal, or no change. Applied by {@link ControlledChanges}.
 *
 * @param changes tag to new value (present) or removal (empty); tags not named are kept;
 *                only {@link StatusAttributes#CONTROLLED} tags; unmodifiable
 */
public record StatusEdit(Map<Integer, Optional<String>> changes) {

    public StatusEdit {
        Map<Integer, Optional<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<Integer, Optional<String>> e : changes.entrySet()) {
            if (!StatusAttributes.CONTROLLED.contains(e.getKey())) {
                throw new IllegalArgumentException("rules g/h allow no change to " + Tag.toString(e.getKey()));
            }
            copy.put(e.getKey(), e.getValue());
        }
        changes = Collections.unmodifiableMap(copy);
    }

    /** Sets SOP Instance Status only. */
    public static StatusEdit status(SopInstanceStatus status) {
        return new StatusEdit(Map.of(StatusAttributes.SOP_INSTANCE_STATUS, Optional.of(status.code())));
    }

    /**
     * Sets the status with (0100,0420), (0100,0426) and (0100,0424) from a
     * certification; a certification without comment removes an old comment
     * (it belonged to the previous authorization).
     */
    public static StatusEdit certified(SopInstanceStatus status, Certification c) {
        Map<Integer, Optional<String>> m = new LinkedHashMap<>();
        m.put(StatusAttributes.SOP_INSTANCE_STATUS, Optional.of(status.code()));
        m.put(StatusAttributes.SOP_AUTHORIZATION_DATE_TIME,
                Optional.of(StatusAttributes.formatDateTime(c.dateTime())));
        m.put(StatusAttributes.SOP_AUTHORIZATION_COMMENT, Optional.ofNullable(c.comment()));
        m.put(StatusAttributes.AUTHORIZATION_EQUIPMENT_CERTIFICATION_NUMBER,
                Optional.of(c.equipmentCertificationNumber()));
        return new StatusEdit(m);
    }

    /** Leaves out the status and its companions (rule f.1, second choice). */
    public static StatusEdit strip() {
        Map<Integer, Optional<String>> m = new LinkedHashMap<>();
        for (int t : new int[] {StatusAttributes.SOP_INSTANCE_STATUS, StatusAttributes.SOP_AUTHORIZATION_DATE_TIME,
            StatusAttributes.SOP_AUTHORIZATION_COMMENT, StatusAttributes.AUTHORIZATION_EQUIPMENT_CERTIFICATION_NUMBER}) {
            m.put(t, Optional.empty());
        }
        return new StatusEdit(m);
    }

    /** No change at all. */
    public static StatusEdit none() {
        return new StatusEdit(Map.of());
    }

    /** The status this edit sets, if it sets one. */
    public Optional<SopInstanceStatus> newStatus() {
        Optional<String> v = changes.get(StatusAttributes.SOP_INSTANCE_STATUS);
        return v == null ? Optional.empty() : v.map(SopInstanceStatus::of);
    }
}
