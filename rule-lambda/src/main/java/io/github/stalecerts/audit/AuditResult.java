package io.github.stalecerts.audit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.github.stalecerts.rule.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one audit found.
 *
 * @param verdicts          one per principal that could be read
 * @param unreadable        principals that got no verdict; a non-empty list makes the run fail
 * @param seenUserIds       every user id that exists now (read or not), so cleanup never retires a live user
 * @param warnings          things the operator should know that do not fail the run
 * @param permissionProblem set when every certificate listing of the run was denied: the likely cause
 */
public record AuditResult(List<Verdict> verdicts, List<Unreadable> unreadable, Set<String> seenUserIds,
                          List<String> warnings, Optional<String> permissionProblem) {

    /** How many unread principals the one-line failure message names; {@link #unreadableLines()} names them all. */
    static final int NAMED_IN_SUMMARY = 5;
    private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();

    public AuditResult {
        verdicts = List.copyOf(verdicts);
        unreadable = List.copyOf(unreadable);
        seenUserIds = Set.copyOf(seenUserIds);
        warnings = List.copyOf(warnings);
        permissionProblem = permissionProblem == null ? Optional.empty() : permissionProblem;
    }

    public AuditResult(List<Verdict> verdicts, List<Unreadable> unreadable, Set<String> seenUserIds, List<String> warnings) {
        this(verdicts, unreadable, seenUserIds, warnings, Optional.empty());
    }

    public boolean complete() {
        return unreadable.isEmpty();
    }

    /** The failure message for an incomplete audit: how many, the likely cause, the first few by name and why. */
    public String unreadableSummary() {
        return unreadable.size() + " principal(s) could not be read and got no verdict"
                + permissionProblem.map(p -> " (" + p + ")").orElse("") + ": "
                + String.join("; ", unreadable.stream().limit(NAMED_IN_SUMMARY)
                        .map(u -> u.principal().name() + " (" + u.reason() + ")").toList())
                + (unreadable.size() > NAMED_IN_SUMMARY ? "; ... (every one is named on its own line)" : "");
    }

    /**
     * One structured (JSON) line per unread principal, in the audit's order: resource type, id and
     * name, and the reason (an AWS error code and the action, or why a certificate body did not
     * parse; never a certificate body or a credential).
     */
    public List<String> unreadableLines() {
        return unreadableLines(Optional.empty());
    }

    /** The same lines, each naming the audited account first (an organization's logs and stderr mix accounts). */
    public List<String> unreadableLines(Optional<String> accountId) {
        return unreadable.stream().map(u -> {
            JsonObject line = new JsonObject();
            line.addProperty("event", "principal not read");
            accountId.ifPresent(id -> line.addProperty("accountId", id));
            line.addProperty("resourceType", u.principal().kind().resourceType());
            line.addProperty("resourceId", u.principal().resourceId());
            line.addProperty("resourceName", u.principal().name());
            line.addProperty("reason", u.reason());
            return JSON.toJson(line);
        }).toList();
    }
}
