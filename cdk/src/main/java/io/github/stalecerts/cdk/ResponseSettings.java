package io.github.stalecerts.cdk;

import io.github.stalecerts.rule.Echo;
import io.github.stalecerts.rule.WholeNumbers;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a user chooses at deploy time about responding to findings: remediation, notifications and
 * the Security Hub CSPM automation rules. Read from CDK context and validated before synthesis; a bad
 * value fails with a message naming its key.
 *
 * @param automaticRemediation       Config runs the remediation by itself (default: manual, from the console)
 * @param remediationMaximumAttempts automatic remediation's attempts per resource (Config: 1-25)
 * @param remediationRetrySeconds    the window those attempts are counted in (Config: 1-2678000)
 * @param notificationEmail          an address subscribed to the NON_COMPLIANT notifications topic
 * @param securityHubAutomationRules raise this rule's Security Hub CSPM findings to HIGH / CRITICAL
 */
public record ResponseSettings(
        boolean automaticRemediation,
        int remediationMaximumAttempts,
        int remediationRetrySeconds,
        Optional<String> notificationEmail,
        boolean securityHubAutomationRules) {

    public static final String AUTOMATIC_REMEDIATION = "automaticRemediation";
    public static final String REMEDIATION_MAXIMUM_ATTEMPTS = "remediationMaximumAttempts";
    public static final String REMEDIATION_RETRY_SECONDS = "remediationRetrySeconds";
    public static final String NOTIFICATION_EMAIL = "notificationEmail";
    public static final String SECURITY_HUB_AUTOMATION_RULES = "securityHubAutomationRules";

    public static final List<String> KEYS = List.of(AUTOMATIC_REMEDIATION, REMEDIATION_MAXIMUM_ATTEMPTS,
            REMEDIATION_RETRY_SECONDS, NOTIFICATION_EMAIL, SECURITY_HUB_AUTOMATION_RULES);

    public static final int DEFAULT_MAXIMUM_ATTEMPTS = 3;
    /** Ten minutes: long enough for IAM throttling to pass, short enough to fix a user the same hour. */
    public static final int DEFAULT_RETRY_SECONDS = 600;
    /** Config's limits for a remediation's attempts and its retry window. */
    static final WholeNumbers MAXIMUM_ATTEMPTS = new WholeNumbers(1, 25);
    static final WholeNumbers RETRY_SECONDS = new WholeNumbers(1, 2_678_000);

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public static ResponseSettings fromContext(Function<String, Object> lookup) {
        ContextReader context = new ContextReader(lookup);
        String email = context.text(NOTIFICATION_EMAIL).orElse(null);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidContextException("context '" + NOTIFICATION_EMAIL + "' must be an e-mail address, got '"
                    + Echo.of(email) + "'");
        }
        return new ResponseSettings(
                context.flag(AUTOMATIC_REMEDIATION, false),
                context.number(REMEDIATION_MAXIMUM_ATTEMPTS, DEFAULT_MAXIMUM_ATTEMPTS, MAXIMUM_ATTEMPTS),
                context.number(REMEDIATION_RETRY_SECONDS, DEFAULT_RETRY_SECONDS, RETRY_SECONDS),
                Optional.ofNullable(email),
                context.flag(SECURITY_HUB_AUTOMATION_RULES, false));
    }

    /**
     * The same choices for the stack a StackSet deploys to member accounts, minus the Security Hub CSPM
     * automation rules: in an organization only the Security Hub CSPM administrator account may create them,
     * and the organization stack holds them there.
     */
    ResponseSettings forMemberAccounts() {
        return new ResponseSettings(automaticRemediation, remediationMaximumAttempts, remediationRetrySeconds,
                notificationEmail, false);
    }
}
