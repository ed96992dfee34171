package io.github.stalecerts.organization;

import java.util.Objects;

/**
 * An account of the organization as {@code ListAccounts} gives it.
 *
 * @param state {@code ACTIVE}, {@code SUSPENDED}, {@code PENDING_CLOSURE}, {@code CLOSED}, ...
 */
public record MemberAccount(String id, String name, String state) {

    public static final String ACTIVE = "ACTIVE";

    public MemberAccount {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        state = state == null ? "UNKNOWN" : state;
    }

    public boolean active() {
        return ACTIVE.equals(state);
    }

    /** The id with the account's name, for messages. */
    public String label() {
        return name.isEmpty() ? id : id + " (" + name + ")";
    }
}
