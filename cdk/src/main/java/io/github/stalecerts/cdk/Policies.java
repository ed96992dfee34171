package io.github.stalecerts.cdk;

import io.github.stalecerts.aws.ActionCatalogue;
import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/** The policy statements and resource ARNs the stack's roles are built from. */
final class Policies {

    private Policies() {
    }

    /** One statement per grant of the function in the rule's action catalogue, on the narrowest resource each allows. */
    static List<PolicyStatement> of(ActionCatalogue.Function function, Stack stack) {
        return function.grants().stream()
                .map(grant -> allow(grant.sid(), grant.iamNames(), resource(grant.scope(), stack)))
                .toList();
    }

    static String resource(ActionCatalogue.Scope scope, Stack stack) {
        return switch (scope) {
            case ANY -> "*";
            case ACCOUNT_IAM_USERS -> iamUsers(stack);
            case ACCOUNT_CONFIG_RULES -> configRules(stack);
            case MEMBER_ACCOUNT_ROLES, MEMBER_ACCOUNT_ROOTS, ROOT_SESSION -> throw new IllegalArgumentException(
                    "scope " + scope + " belongs to the local organization commands, never to a deployed function's role");
        };
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
