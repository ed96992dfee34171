package io.github.stalecerts.config;

import io.github.stalecerts.rule.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a rule run does with Config: report its verdicts, and read which resources it judged
 * before. {@link AwsRuleResults} is the AWS implementation; tests use an in-memory one.
 */
public interface RuleResults {

    /** Reports the verdicts with one ordering timestamp; {@code TESTMODE} as the token reports in test mode. */
    void report(List<Verdict> verdicts, Instant orderingTimestamp, String resultToken);

    /** Resource ids of the type the rule judged COMPLIANT or NON_COMPLIANT, ordered before {@code before}. */
    Set<String> judgedResourceIds(String configRuleName, String resourceType, Instant before);
}
