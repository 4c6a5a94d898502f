package org.dicomsec.storage;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.dicomsec.data.Dataset;
import org.dicomsec.data.Tag;

/**
 * Rule b of PS3.15 A.1.1: the holder of an original (OR) changes it to
 * Authorized Original (AO) only when an authorized entity has certified it
 * (b.1), keeping the SOP Instance UID (b.2) and setting (0100,0420),
 * (0100,0426) and optionally (0100,0424) (b.3).
 */
public final class Authorizer {

    private final Predicate<String> authorizedEntities;

    /** @param authorizedEntities decides whether a named entity may authorize (the site's policy, b.1) */
    public Authorizer(Predicate<String> authorizedEntities) {
        this.authorizedEntities = Objects.requireNonNull(authorizedEntities, "authorizedEntities");
    }

    /** An authorizer accepting exactly these entity names. */
    public static Authorizer of(Set<String> names) {
        Set<String> copy = Set.copyOf(names);
        return new Authorizer(copy::contains);
    }

    /** Whether the entity named may authorize (b.1). */
    public boolean mayAuthorize(String entity) {
        return authorizedEntities.test(entity);
    }

    /**
     * Rule b: the AO made from the OR instance {@code original} (not changed),
     * through {@link ControlledChanges} so that nothing else changes (rule h).
     *
     * @throws ProfileViolationException (rule b) when the instance is not OR or the
     *         entity is not authorized
     */
    public Dataset authorize(Dataset original, Authorization authorization) throws ProfileViolationException {
        SopInstanceStatus status;
        try {
            status = SopInstanceStatus.of(original).orElse(null);
        } catch (IllegalArgumentException badValue) {
            throw new ProfileViolationException('b', badValue.getMessage());
        }
        if (status != SopInstanceStatus.OR) {
            throw new ProfileViolationException('b', "only an original (OR) can become an authorized original, "
                    + "this instance is " + (status == null ? "without SOP Instance Status" : status));
        }
        if (!mayAuthorize(authorization.authorizedBy())) {
            throw new ProfileViolationException('b', "\"" + authorization.authorizedBy()
                    + "\" is not an authorized entity");
        }
        Dataset ao = ControlledChanges.apply(original,
                StatusEdit.certified(SopInstanceStatus.AO, authorization.certification()));
        // b.2: the SOP Instance UID shall not change (ControlledChanges cannot touch it; checked anyway)
        if (!Objects.equals(original.get(Tag.SOPInstanceUID), ao.get(Tag.SOPInstanceUID))) {
            throw new IllegalStateException("SOP Instance UID changed");
        }
        return ao;
    }
}
