package io.github.stalecerts.cdk;

import java.util.List;
import java.util.function.Supplier;
import software.amazon.awscdk.services.config.CustomRule;
import software.amazon.awscdk.services.securityhub.CfnAutomationRule;
import software.constructs.Construct;

/**
 * Security Hub CSPM automation rules for this Config rule's findings. Security Hub CSPM already receives
 * them through its AWS Config integration (severity MEDIUM, GeneratorId = the rule's ARN); these
 * raise FAILED ones to HIGH (CRITICAL for the root account) and say which control they are, without
 * importing a second copy of each finding.
 *
 * <p>Off by default: creating an automation rule fails where Security Hub CSPM is not enabled, and in an
 * organization only the Security Hub CSPM administrator account may create them.
 *
 * <p>In one account the rules match the findings by the rule's ARN (their GeneratorId). Across an
 * organization every account's rule has its own ARN but the same name, which Config's findings carry
 * as their Title: the organization's rules match the Title of findings from the Config product.
 */
final class SecurityHubSeverity extends Construct {

    static final List<String> TYPES = List.of(
            "Software and Configuration Checks/Industry and Regulatory Standards/NIST 800-53 Controls",
            "Software and Configuration Checks/AWS Security Best Practices");
    /** The section of docs/usage.md the notes point to: how to remediate, for users and for the root account. */
    static final String USAGE_SECTION = "Remediation from Config";

    /**
     * The note on a FAILED finding, read in the Security Hub CSPM console by someone who may not have this
     * project's repository: the control, what to do in one line, and where the details are. At most 512
     * characters (Security Hub CSPM's limit on a note), whatever the rule's name.
     */
    static String note(String resourceType, String ruleName) {
        String whatToDo = resourceType.equals("AwsAccount")
                ? "sign in as this account's root user, Security credentials, X.509 certificates, and make the stale "
                        + "certificate Inactive (Remediate does not apply to the root account)"
                : "in the finding's account, AWS Config console, rule " + ruleName + ", select the user and choose "
                        + "Remediate (sets only its stale certificates Inactive)";
        return "Stale IAM X.509 signing certificate (NIST SP 800-53 IA-5, credential rotation). To fix: " + whatToDo
                + ". Details: docs/usage.md of the stale-signing-certificates rule, section '" + USAGE_SECTION + "'.";
    }

    /** The ProductName of the findings Security Hub CSPM receives from AWS Config. */
    static final String CONFIG_PRODUCT_NAME = "Config";

    private final CfnAutomationRule users;
    private final CfnAutomationRule rootAccount;

    /** For the findings of this account's rule. */
    SecurityHubSeverity(Construct scope, String id, CustomRule rule, String ruleName) {
        this(scope, id, ruleName, "", () -> CfnAutomationRule.AutomationRulesFindingFiltersProperty.builder()
                .generatorId(List.of(equalTo(rule.getConfigRuleArn()))));
    }

    /** For the findings of the rule of this name in every account whose findings reach this (administrator) account. */
    SecurityHubSeverity(Construct scope, String id, String ruleName) {
        this(scope, id, ruleName, " in every account", () -> CfnAutomationRule.AutomationRulesFindingFiltersProperty.builder()
                .title(List.of(equalTo(ruleName)))
                .productName(List.of(equalTo(CONFIG_PRODUCT_NAME))));
    }

    private SecurityHubSeverity(Construct scope, String id, String ruleName, String where,
                                Supplier<CfnAutomationRule.AutomationRulesFindingFiltersProperty.Builder> findingsOfTheRule) {
        super(scope, id);
        this.users = automationRule("Users", findingsOfTheRule, ruleName, where, "AwsIamUser", "HIGH", 10);
        this.rootAccount = automationRule("RootAccount", findingsOfTheRule, ruleName, where, "AwsAccount", "CRITICAL", 11);
    }

    private CfnAutomationRule automationRule(String id,
                                             Supplier<CfnAutomationRule.AutomationRulesFindingFiltersProperty.Builder> criteria,
                                             String ruleName, String where, String resourceType, String severity, int order) {
        return CfnAutomationRule.Builder.create(this, id)
                .ruleName(ruleName + " " + resourceType + " " + severity)
                .description("Raises FAILED " + resourceType + " findings of the Config rule " + ruleName + where
                        + " to " + severity + " and names the control")
                .ruleOrder(order)
                .ruleStatus("ENABLED")
                .isTerminal(false)
                .criteria(criteria.get()
                        .complianceStatus(List.of(equalTo("FAILED")))
                        .resourceType(List.of(equalTo(resourceType)))
                        .recordState(List.of(equalTo("ACTIVE")))
                        .build())
                .actions(List.of(CfnAutomationRule.AutomationRulesActionProperty.builder()
                        .type("FINDING_FIELDS_UPDATE")
                        .findingFieldsUpdate(CfnAutomationRule.AutomationRulesFindingFieldsUpdateProperty.builder()
                                .severity(CfnAutomationRule.SeverityUpdateProperty.builder().label(severity).build())
                                .types(TYPES)
                                .note(CfnAutomationRule.NoteUpdateProperty.builder().text(note(resourceType, ruleName))
                                        .updatedBy(ruleName).build())
                                .build())
                        .build()))
                .build();
    }

    private static CfnAutomationRule.StringFilterProperty equalTo(String value) {
        return CfnAutomationRule.StringFilterProperty.builder().comparison("EQUALS").value(value).build();
    }

    CfnAutomationRule users() {
        return users;
    }

    CfnAutomationRule rootAccount() {
        return rootAccount;
    }
}
