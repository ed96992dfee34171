package io.github.stalecerts.remediation;

import java.util.Optional;

/** Maps a UserId (Config's resource id) to a user name; Config's record of users is one. */
@FunctionalInterface
public interface UserNames {

    /** The user name, or empty when the id is not known. */
    Optional<String> nameOf(String userId);
}
