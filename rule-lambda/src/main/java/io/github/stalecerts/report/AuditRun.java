package io.github.stalecerts.report;

import io.github.stalecerts.rule.Evaluator;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of the audit as the reports show it: the rule it was judged with, the instant it was
 * judged at (read once from the evaluator's clock, so every part of a report tells the same time),
 * when the report was produced, and every account's outcome.
 *
 * @param evaluatedAt         the instant the rule judged at: {@code --as-of}, or when the audit ran
 * @param producedAt          when the report was produced, by the real clock
 * @param organization        whether the run covered an organization's accounts (the per-account section)
 * @param managementAccountId the organization's management account, when the run knows it
 */
public record AuditRun(Evaluator evaluator, Instant evaluatedAt, Instant producedAt, boolean organization,
                       Optional<String> managementAccountId, List<ReportedAccount> accounts) {

    public AuditRun {
        Objects.requireNonNull(evaluator, "evaluator");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        Objects.requireNonNull(producedAt, "producedAt");
        Objects.requireNonNull(managementAccountId, "managementAccountId");
        accounts = List.copyOf(accounts);
    }

    /** A single-account audit. */
    public static AuditRun ofAccount(Evaluator evaluator, ReportedAccount account, Instant producedAt) {
        return new AuditRun(evaluator, evaluator.evaluationTime(), producedAt, false, Optional.empty(), List.of(account));
    }

    /** An organization audit. */
    public static AuditRun ofOrganization(Evaluator evaluator, Optional<String> managementAccountId,
                                          List<ReportedAccount> accounts, Instant producedAt) {
        return new AuditRun(evaluator, evaluator.evaluationTime(), producedAt, true, managementAccountId, accounts);
    }

    /** Whether the account is the organization's management account (whose root no root session reaches). */
    boolean isManagementAccount(ReportedAccount account) {
        return managementAccountId.filter(id -> id.equals(account.accountId())).isPresent();
    }
}
