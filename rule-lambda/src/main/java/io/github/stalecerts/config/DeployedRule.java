package io.github.stalecerts.config;

import io.github.stalecerts.aws.ActionCatalogue.Action;
import io.github.stalecerts.aws.AwsErrors;
import io.github.stalecerts.rule.RuleParameters;
import java.util.Objects;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ConfigRule;

/**
 * The deployed Config rule's current parameters. Remediation reads them at run time, so it judges
 * staleness exactly as the rule does now, even after someone edited the parameters in the console.
 */
public final class DeployedRule {

    private final ConfigClient config;

    public DeployedRule(ConfigClient config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public RuleParameters parameters(String configRuleName) {
        ConfigRule rule = AwsErrors.call(Action.CONFIG_DESCRIBE_CONFIG_RULES,
                () -> config.describeConfigRules(r -> r.configRuleNames(configRuleName)))
                .configRules().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no Config rule named " + configRuleName));
        return ConfigEventParser.parameters(rule.inputParameters());
    }
}
