package io.github.stalecerts.cdk;

import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/** The policy statements and resource ARNs the stack's roles are built from. */
final class Policies {

    private Policies() {
    }

    static PolicyStatement allow(String sid, List<String> actions, String resource) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(List.of(resource))
                .build();
    }

    /** Every IAM user of this account. */
    static String iamUsers(Stack stack) {
        return stack.formatArn(ArnComponents.builder().service("iam").region("").resource("user").resourceName("*").build());
    }

    /**
     * This account and region's Config rules. Not the rule's own ARN: that holds an id Config assigns
     * at creation (config-rule/config-rule-abc123), and referencing it from the function's role makes
     * a cycle (rule -> function alias -> role -> rule).
     */
    static String configRules(Stack stack) {
        return stack.formatArn(ArnComponents.builder().service("config").resource("config-rule").resourceName("*").build());
    }
}
