package io.github.stalecerts.iam;

import io.github.stalecerts.rule.Principal;
import java.util.Map;

/** An IAM user as the inventory reads it. */
public record IamUser(String userId, String userName, String arn, Map<String, String> tags) {

    public IamUser {
        tags = Map.copyOf(tags);
    }

    public Principal principal() {
        return Principal.user(userId, userName, tags);
    }
}
