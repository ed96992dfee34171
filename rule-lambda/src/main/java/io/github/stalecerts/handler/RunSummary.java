package io.github.stalecerts.handler;

import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Verdict;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one invocation did, as the one summary log line: the account, verdicts per compliance type,
 * principals left without a verdict, deleted users retired, API calls per operation, and the time taken.
 * Naming the account lets one log search across an organization's accounts tell the runs apart.
 */
public record RunSummary(String account, String trigger, Map<Compliance, Integer> verdicts, int unreadable, int retired,
                         Map<String, Long> apiCalls, long millis) {

    public static Map<Compliance, Integer> count(List<Verdict> verdicts) {
        Map<Compliance, Integer> counts = new EnumMap<>(Compliance.class);
        for (Compliance compliance : Compliance.values()) {
            counts.put(compliance, 0);
        }
        verdicts.forEach(v -> counts.merge(v.compliance(), 1, Integer::sum));
        return counts;
    }

    public String line() {
        StringBuilder line = new StringBuilder("summary account=").append(account).append(" trigger=").append(trigger);
        verdicts.forEach((compliance, n) -> line.append(' ').append(compliance).append('=').append(n));
        line.append(" unreadable=").append(unreadable).append(" retired=").append(retired).append(" calls");
        apiCalls.forEach((operation, n) -> line.append(' ').append(operation).append('=').append(n));
        return line.append(" ms=").append(millis).toString();
    }
}
