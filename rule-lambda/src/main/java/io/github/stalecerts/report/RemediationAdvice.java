package io.github.stalecerts.report;

import io.github.stalecerts.rule.RuleParameters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to remediate a non-compliant principal, worded once for both report formats. A command is
 * quoted in backticks; it carries the run's non-default rule parameters, so {@code remediate} judges
 * as the audit did (with the defaults it could deactivate a certificate the audit judged fresh).
 */
final class RemediationAdvice {

    static final String JAR = "java -jar rule-lambda.jar";

    private RemediationAdvice() {
    }

    /** The rule's parameters as Config input parameters, in the order the rule describes them. */
    static Map<String, String> parameters(RuleParameters parameters) {
        return parameters.asInputParameters();
    }

    /** The parameters whose value differs from the default (or that have no default). */
    static Map<String, String> nonDefault(RuleParameters parameters) {
        Map<String, String> defaults = RuleParameters.DEFAULTS.asInputParameters();
        Map<String, String> out = new LinkedHashMap<>();
        parameters.asInputParameters().forEach((name, value) -> {
            if (!value.equals(defaults.get(name))) {
                out.put(name, value);
            }
        });
        return out;
    }

    /** The non-default parameters as {@code --param} options, each shell-quoted, with a leading space. */
    static String paramOptions(RuleParameters parameters) {
        StringBuilder out = new StringBuilder();
        nonDefault(parameters).forEach((name, value) -> out.append(" --param ").append(shellQuote(name + "=" + value)));
        return out.toString();
    }

    static String forUser(AuditRun run, String userName) {
        return "Deactivate the stale certificates with the account's credentials: `" + JAR + " remediate --user "
                + shellQuote(userName) + paramOptions(run.evaluator().parameters()) + "` (add `--dry-run` to see first;"
                + " it deactivates only the stale ones), or in the account's AWS Config console: the"
                + " stale-signing-certificates rule (or the name you deployed it under), the user, Remediate.";
    }

    /**
     * A member account's root certificates can be listed and deleted through a root session; no root task
     * policy allows deactivating one. The management account's root, and the root of a single-account
     * audit (whose caller is rarely a management account), only its root user can change.
     */
    static String forRoot(AuditRun run, ReportedAccount account) {
        if (!run.organization() || run.isManagementAccount(account)) {
            return SIGN_IN_AS_ROOT;
        }
        String listAndDelete = "List the stale root certificates with `" + JAR + " remediate --root --account "
                + shellQuote(account.accountId()) + paramOptions(run.evaluator().parameters())
                + "` from the management account or the IAM delegated administrator (centralized root access);"
                + " add `--delete` to delete them (a deletion cannot be undone).";
        return run.managementAccountId().isPresent() ? listAndDelete
                // DescribeOrganization was refused: the account may be the management account, which no root session reaches.
                : listAndDelete + " If this is the management account: " + SIGN_IN_AS_ROOT;
    }

    private static final String SIGN_IN_AS_ROOT = "Sign in as the root user and deactivate or delete the certificate"
            + " (IAM console, Security credentials, X.509 signing certificates).";

    static String shellQuote(String word) {
        return word.matches("[A-Za-z0-9_+=,.@/:-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
