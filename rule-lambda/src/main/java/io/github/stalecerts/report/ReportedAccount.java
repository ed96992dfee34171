package io.github.stalecerts.report;

import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.audit.Unreadable;
import io.github.stalecerts.rule.AccountId;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.PrincipalKind;
import io.github.stalecerts.rule.Verdict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One account of a run: its audit result, or why it could not be audited.
 *
 * @param accountId   the 12-digit account id; empty when a single-account audit could not tell it (no root
 *                    row, or one without a valid account id)
 * @param accountName the organization's name of the account; empty outside an organization audit
 */
public record ReportedAccount(String accountId, String accountName, Optional<AuditResult> result, Optional<String> failure) {

    public ReportedAccount {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(accountName, "accountName");
        if (result.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("a reported account has either a result or a failure");
        }
    }

    /**
     * A single-account audit: the account id is the root account's resource id, when it was seen and is an
     * account id (an unread root is named by a placeholder when its row gave no id).
     */
    public static ReportedAccount of(AuditResult result) {
        String id = result.verdicts().stream().map(Verdict::principal)
                .filter(p -> p.kind() == PrincipalKind.ROOT_ACCOUNT).map(p -> p.resourceId())
                .findFirst()
                .or(() -> result.unreadable().stream().map(Unreadable::principal)
                        .filter(p -> p.kind() == PrincipalKind.ROOT_ACCOUNT).map(p -> p.resourceId()).findFirst())
                .filter(AccountId::isValid)
                .orElse("");
        return new ReportedAccount(id, "", Optional.of(result), Optional.empty());
    }

    /** Whether the account id is known (always in an organization run). */
    public boolean accountKnown() {
        return !accountId.isEmpty();
    }

    /**
     * Whether the account was audited and its root account got neither a verdict nor a place among the
     * unread (the credential report had no root row).
     */
    public boolean rootUnjudged() {
        return result.isPresent() && Stream.concat(verdicts().stream().map(Verdict::principal),
                unreadable().stream().map(Unreadable::principal)).noneMatch(p -> p.kind() == PrincipalKind.ROOT_ACCOUNT);
    }

    public List<Verdict> verdicts() {
        return result.map(AuditResult::verdicts).orElse(List.of());
    }

    public List<Unreadable> unreadable() {
        return result.map(AuditResult::unreadable).orElse(List.of());
    }

    public long count(Compliance compliance) {
        return verdicts().stream().filter(v -> v.compliance() == compliance).count();
    }
}
