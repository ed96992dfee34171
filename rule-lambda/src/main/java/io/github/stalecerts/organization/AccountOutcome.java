package io.github.stalecerts.organization;

import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.PrincipalKind;
import java.util.Objects;
import java.util.Optional;

/**
 * One account's audit: its result, or why it could not be audited.
 *
 * @param failure set when the account could not be audited at all (role not assumed, access denied, throttled)
 */
public record AccountOutcome(MemberAccount account, Optional<AuditResult> result, Optional<String> failure) {

    public AccountOutcome {
        Objects.requireNonNull(account, "account");
        if (result.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("an account outcome is either a result or a failure");
        }
    }

    public static AccountOutcome audited(MemberAccount account, AuditResult result) {
        return new AccountOutcome(account, Optional.of(result), Optional.empty());
    }

    public static AccountOutcome failed(MemberAccount account, String reason) {
        return new AccountOutcome(account, Optional.empty(), Optional.of(reason));
    }

    /** Audited, and every principal read. */
    public boolean complete() {
        return result.map(AuditResult::complete).orElse(false);
    }

    /** IAM users seen: judged or unread. */
    public long users() {
        return result.map(r -> r.verdicts().stream().filter(v -> v.principal().kind() == PrincipalKind.USER).count()
                + r.unreadable().stream().filter(u -> u.principal().kind() == PrincipalKind.USER).count()).orElse(0L);
    }

    /** Principals judged NON_COMPLIANT, the root account included. */
    public long nonCompliant() {
        return result.map(r -> r.verdicts().stream().filter(v -> v.compliance() == Compliance.NON_COMPLIANT).count())
                .orElse(0L);
    }

    /** Principals that could not be read and got no verdict. */
    public long unread() {
        return result.map(r -> (long) r.unreadable().size()).orElse(0L);
    }
}
