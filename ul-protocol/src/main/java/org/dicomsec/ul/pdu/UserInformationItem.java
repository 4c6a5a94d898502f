package org.dicomsec.ul.pdu;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * User Information Item, type 50H (PS3.8 9.3.2.3, table 9-16; 9.3.3.3, table 9-20): a list of
 * sub-items kept in the order received. The accessors return the first sub-item of each kind.
 *
 * @param subItems the sub-items (Annex D of PS3.8, Annex D.3.3 of PS3.7, or unknown)
 */
public record UserInformationItem(List<UserInformationSubItem> subItems) {
    /** Item type 50H. */
    public static final int ITEM_TYPE = 0x50;
    /** A User Information Item without sub-items. */
    public static final UserInformationItem EMPTY = new UserInformationItem(List.of());

    public UserInformationItem {
        subItems = List.copyOf(subItems);
    }

    /** Convenience: varargs form. */
    public static UserInformationItem of(UserInformationSubItem... subItems) {
        return new UserInformationItem(List.of(subItems));
    }

    /** The first sub-item of the given class, if any. */
    public <T extends UserInformationSubItem> Optional<T> first(Class<T> kind) {
        for (UserInformationSubItem s : subItems) {
            if (kind.isInstance(s)) {
                return Optional.of(kind.cast(s));
            }
        }
        return Optional.empty();
    }

    /** All sub-items of the given class, in order. */
    public <T extends UserInformationSubItem> List<T> all(Class<T> kind) {
        return subItems.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The Maximum-length-received (PS3.8 D.1) if present; 0 means unlimited. */
    public OptionalLong maximumLength() {
        return first(MaximumLength.class).map(m -> OptionalLong.of(m.maximumLength())).orElse(OptionalLong.empty());
    }

    /** The implementation class UID if present. */
    public Optional<String> implementationClassUid() {
        return first(ImplementationClassUid.class).map(ImplementationClassUid::uid);
    }

    /** The implementation version name if present. */
    public Optional<String> implementationVersionName() {
        return first(ImplementationVersionName.class).map(ImplementationVersionName::name);
    }

    /** The asynchronous operations window if present (absent means 1/1, PS3.7 D.3.3.3). */
    public Optional<AsynchronousOperationsWindow> asynchronousOperationsWindow() {
        return first(AsynchronousOperationsWindow.class);
    }

    /** The role selection sub-items. */
    public List<ScpScuRoleSelection> roleSelections() {
        return all(ScpScuRoleSelection.class);
    }

    /** The user identity RQ sub-item if present. */
    public Optional<UserIdentityRq> userIdentityRq() {
        return first(UserIdentityRq.class);
    }

    /** The user identity AC sub-item if present. */
    public Optional<UserIdentityAc> userIdentityAc() {
        return first(UserIdentityAc.class);
    }
}
