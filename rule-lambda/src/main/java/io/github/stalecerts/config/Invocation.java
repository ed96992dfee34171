package io.github.stalecerts.config;

import io.github.stalecerts.rule.RuleParameters;

/**
 * A parsed Config rule invocation.
 *
 * @param resultToken    echoed in PutEvaluations; {@code TESTMODE} means report in test mode
 * @param configRuleName used to page the rule's earlier results when cleaning up
 * @param accountId      the account Config runs in
 */
public record Invocation(Trigger trigger, RuleParameters parameters, String resultToken,
                         String configRuleName, String accountId) {

    public static final String TEST_MODE_TOKEN = "TESTMODE";

    public boolean testMode() {
        return TEST_MODE_TOKEN.equals(resultToken);
    }
}
