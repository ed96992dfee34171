package io.github.stalecerts.config;

import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.rule.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * The AWS SDK implementation of {@link RuleResults}: PutEvaluations through {@link ConfigReporter},
 * earlier results through {@link EarlierResults}.
 */
public final class AwsRuleResults implements RuleResults {

    private final ConfigReporter reporter;
    private final EarlierResults earlier;

    public AwsRuleResults(ConfigClient config, Sleeper sleeper) {
        this.reporter = new ConfigReporter(config, sleeper);
        this.earlier = new EarlierResults(config);
    }

    @Override
    public void report(List<Verdict> verdicts, Instant orderingTimestamp, String resultToken) {
        reporter.report(verdicts, orderingTimestamp, resultToken);
    }

    @Override
    public Set<String> judgedResourceIds(String configRuleName, String resourceType, Instant before) {
        return earlier.judgedResourceIds(configRuleName, resourceType, before);
    }
}
