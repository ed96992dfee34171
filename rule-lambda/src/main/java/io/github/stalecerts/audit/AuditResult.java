package io.github.stalecerts.audit;

import io.github.stalecerts.rule.Verdict;
import java.util.List;
import java.util.Set;

/**
 * What one audit found.
 *
 * @param verdicts   one per principal that could be read
 * @param unreadable principals that got no verdict; a non-empty list makes the run fail
 * @param seenUserIds every user id that exists now (read or not), so cleanup never retires a live user
 * @param warnings   things the operator should know that do not fail the run
 */
public record AuditResult(List<Verdict> verdicts, List<Unreadable> unreadable, Set<String> seenUserIds,
                          List<String> warnings) {

    public AuditResult {
        verdicts = List.copyOf(verdicts);
        unreadable = List.copyOf(unreadable);
        seenUserIds = Set.copyOf(seenUserIds);
        warnings = List.copyOf(warnings);
    }

    public boolean complete() {
        return unreadable.isEmpty();
    }

    /** The failure message for an incomplete audit: who could not be read, and why. */
    public String unreadableSummary() {
        return unreadable.size() + " principal(s) could not be read and got no verdict: " + String.join("; ",
                unreadable.stream().limit(5).map(u -> u.principal().name() + " (" + u.reason() + ")").toList())
                + (unreadable.size() > 5 ? "; ..." : "");
    }
}
