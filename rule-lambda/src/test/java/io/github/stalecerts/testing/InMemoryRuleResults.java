package io.github.stalecerts.testing;

import io.github.stalecerts.config.RuleResults;
import io.github.stalecerts.rule.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Config's side of a rule run held in memory: keeps each report call, answers earlier results from a table. */
public final class InMemoryRuleResults implements RuleResults {

    /** One PutEvaluations-worth of verdicts as the rule run handed them over. */
    public record Report(List<Verdict> verdicts, Instant orderingTimestamp, String resultToken) {
    }

    public final List<Report> reports = new ArrayList<>();
    /** Earlier results: resource id to (resource type, ordering timestamp). */
    private final Map<String, Map.Entry<String, Instant>> earlier = new LinkedHashMap<>();
    /** The rule names earlier results were asked for. */
    public final List<String> earlierLookups = new ArrayList<>();

    private RuntimeException reportingFailure;

    /** Every later report call fails with this exception, as PutEvaluations failing after its retries would. */
    public void failReporting(RuntimeException failure) {
        this.reportingFailure = failure;
    }

    public void judgedBefore(String resourceType, String resourceId, Instant orderingTimestamp) {
        earlier.put(resourceId, Map.entry(resourceType, orderingTimestamp));
    }

    @Override
    public void report(List<Verdict> verdicts, Instant orderingTimestamp, String resultToken) {
        if (reportingFailure != null) {
            throw reportingFailure;
        }
        reports.add(new Report(List.copyOf(verdicts), orderingTimestamp, resultToken));
    }

    @Override
    public Set<String> judgedResourceIds(String configRuleName, String resourceType, Instant before) {
        earlierLookups.add(configRuleName);
        return earlier.entrySet().stream()
                .filter(e -> e.getValue().getKey().equals(resourceType) && e.getValue().getValue().isBefore(before))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
