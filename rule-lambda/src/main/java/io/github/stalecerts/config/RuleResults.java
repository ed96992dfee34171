package io.github.stalecerts.config;

import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.rule.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * What a rule run does with Config: report its verdicts, and read which resources it judged
 * before. {@link #inConfig} is the AWS implementation; tests use an in-memory one.
 */
public interface RuleResults {

    /** Reports the verdicts with one ordering timestamp; {@code TESTMODE} as the token reports in test mode. */
    void report(List<Verdict> verdicts, Instant orderingTimestamp, String resultToken);

    /** Resource ids of the type the rule judged COMPLIANT or NON_COMPLIANT, ordered before {@code before}. */
    Set<String> judgedResourceIds(String configRuleName, String resourceType, Instant before);

    /** PutEvaluations through {@link ConfigReporter}, earlier results through {@link EarlierResults}. */
    static RuleResults inConfig(ConfigClient config, Sleeper sleeper) {
        ConfigReporter reporter = new ConfigReporter(config, sleeper);
        EarlierResults earlier = new EarlierResults(config);
        return new RuleResults() {
            @Override
            public void report(List<Verdict> verdicts, Instant orderingTimestamp, String resultToken) {
                reporter.report(verdicts, orderingTimestamp, resultToken);
            }

            @Override
            public Set<String> judgedResourceIds(String configRuleName, String resourceType, Instant before) {
                return earlier.judgedResourceIds(configRuleName, resourceType, before);
            }
        };
    }
}
