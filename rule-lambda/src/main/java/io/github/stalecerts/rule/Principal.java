package io.github.stalecerts.rule;

import java.util.Map;
import java.util.Objects;

/**
 * An IAM user or the root account, as Config identifies it.
 *
 * @param resourceId Config's resource id: the UserId ({@code AIDA...}) for a user, the 12-digit account id for root
 * @param name       the user name, or {@code <root_account>}
 * @param tags       the user's IAM tags (the root account has none)
 */
public record Principal(PrincipalKind kind, String resourceId, String name, Map<String, String> tags) {

    public static final String ROOT_NAME = "<root_account>";

    public Principal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(name, "name");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static Principal user(String userId, String userName, Map<String, String> tags) {
        return new Principal(PrincipalKind.USER, userId, userName, tags);
    }

    public static Principal rootAccount(String accountId) {
        return new Principal(PrincipalKind.ROOT_ACCOUNT, accountId, ROOT_NAME, Map.of());
    }

    public String resourceType() {
        return kind.resourceType();
    }
}
