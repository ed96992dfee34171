package io.github.stalecerts.organization;

import io.github.stalecerts.audit.AccountAudit;
import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.iam.IamAccount;
import io.github.stalecerts.iam.Sleeper;
import io.github.stalecerts.organization.AccountSessions.AccountSession;
import io.github.stalecerts.rule.Evaluator;

/** The single-account audit, run inside one account of the organization. */
public final class MemberAccountAuditor implements OrganizationAudit.AccountAuditor {

    private final AccountSessions sessions;
    private final Evaluator evaluator;
    private final Sleeper sleeper;

    public MemberAccountAuditor(AccountSessions sessions, Evaluator evaluator, Sleeper sleeper) {
        this.sessions = sessions;
        this.evaluator = evaluator;
        this.sleeper = sleeper;
    }

    @Override
    public AuditResult audit(MemberAccount account) {
        try (AccountSession session = sessions.open(account.id())) {
            return new AccountAudit(new IamAccount(session.iam(), sleeper), evaluator).all();
        }
    }
}
