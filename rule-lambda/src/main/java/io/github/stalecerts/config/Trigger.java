package io.github.stalecerts.config;

import java.time.Instant;

/** Why Config invoked the rule, reduced to what the rule must do. */
public sealed interface Trigger {

    /** The time Config orders this run's evaluations by. */
    Instant orderingTimestamp();

    /** A periodic run: evaluate every user and the root account. */
    record Periodic(Instant orderingTimestamp) implements Trigger {
    }

    /** One user's configuration changed: evaluate that user only. */
    record UserChanged(String userId, String userName, Instant orderingTimestamp) implements Trigger {
    }

    /** The resource was deleted or left the rule's scope: report it NOT_APPLICABLE. */
    record NotApplicable(String resourceType, String resourceId, String resourceName, String reason,
                         Instant orderingTimestamp) implements Trigger {
    }
}
