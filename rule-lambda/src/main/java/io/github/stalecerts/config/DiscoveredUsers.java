package io.github.stalecerts.config;

import io.github.stalecerts.aws.ActionCatalogue.Action;
import io.github.stalecerts.aws.AwsErrors;
import io.github.stalecerts.rule.PrincipalKind;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.config.ConfigClient;

/** Maps a UserId (Config's resource id) to the user name Config recorded, in one call. */
public final class DiscoveredUsers {

    private final ConfigClient config;

    public DiscoveredUsers(ConfigClient config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The recorded user name, or empty when Config has no live record of the id. */
    public Optional<String> nameOf(String userId) {
        return AwsErrors.call(Action.CONFIG_LIST_DISCOVERED_RESOURCES, () -> config.listDiscoveredResources(r -> r
                        .resourceType(PrincipalKind.USER.resourceType())
                        .resourceIds(userId)
                        .includeDeletedResources(false)))
                .resourceIdentifiers().stream()
                .filter(identifier -> userId.equals(identifier.resourceId()) && identifier.resourceName() != null)
                .map(identifier -> identifier.resourceName())
                .findFirst();
    }
}
