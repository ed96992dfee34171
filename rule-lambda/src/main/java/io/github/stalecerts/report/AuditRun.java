package io.github.stalecerts.report;

import io.github.stalecerts.rule.Evaluator;
import java.util.List;
import java.util.Objects;

/**
 * One run of the audit as the reports show it: the rule it was judged with (parameters and
 * evaluation time) and every account's outcome.
 *
 * @param organization whether the run covered an organization's accounts (the per-account section)
 */
public record AuditRun(Evaluator evaluator, boolean organization, List<ReportedAccount> accounts) {

    public AuditRun {
        Objects.requireNonNull(evaluator, "evaluator");
        accounts = List.copyOf(accounts);
    }
}
