package io.github.stalecerts.organization;

import io.github.stalecerts.audit.AccountAudit;
import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.audit.Deadline;
import io.github.stalecerts.audit.Unreadable;
import io.github.stalecerts.aws.AwsCallException;
import io.github.stalecerts.iam.CertificateBodyException;
import io.github.stalecerts.iam.AwsIamDirectory;
import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.organization.AccountSessions.AccountSession;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.PrincipalKind;
import io.github.stalecerts.rule.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The single-account audit, run inside one account of the organization. With root sessions, a
 * member's root user is then read exactly (AssumeRoot + IAMAuditRootUserCredentials: one session,
 * one listing) and judged like a user; where that session is refused, the credential report's
 * verdict stands and a note says so.
 */
public final class MemberAccountAuditor implements OrganizationAudit.AccountAuditor {

    /** How each root row says where its verdict came from. */
    public static final String FROM_ROOT_SESSION = "[root session] ";
    public static final String FROM_CREDENTIAL_REPORT = "[credential report] ";

    private final AccountSessions sessions;
    private final Evaluator evaluator;
    private final Sleeper sleeper;
    private final Optional<RootReading> rootReading;

    /**
     * Every member's root read through a root session, but the management account's.
     *
     * @param managementAccountId never a root-session target (AssumeRoot cannot reach it)
     */
    public record RootReading(RootSessions sessions, String managementAccountId) {
    }

    /** @param rootReading empty: roots judged from the credential report only */
    public MemberAccountAuditor(AccountSessions sessions, Evaluator evaluator, Sleeper sleeper,
                                Optional<RootReading> rootReading) {
        this.sessions = sessions;
        this.evaluator = evaluator;
        this.sleeper = sleeper;
        this.rootReading = rootReading;
    }

    @Override
    public AuditResult audit(MemberAccount account) {
        AuditResult result;
        try (AccountSession session = sessions.open(account.id())) {
            result = new AccountAudit(new AwsIamDirectory(session.iam(), sleeper), evaluator, Optional.of(account.id()),
                    AccountAudit.DEFAULT_LISTING_THREADS, Deadline.NONE).all();
        }
        if (rootReading.isEmpty()) {
            return result;
        }
        if (account.id().equals(rootReading.get().managementAccountId())) {
            return labelReportRoot(result, List.of());
        }
        return withRootFromSession(account, result, rootReading.get().sessions());
    }

    private AuditResult withRootFromSession(MemberAccount account, AuditResult fromReport, RootSessions roots) {
        Principal root = Principal.rootAccount(account.id());
        try (IamClient session = roots.open(account.id(), RootSessions.Task.AUDIT)) {
            Verdict verdict = evaluator.evaluate(root, new AwsIamDirectory(session, sleeper).rootCertificates());
            return replaceRoot(fromReport, Optional.of(new Verdict(root, verdict.compliance(),
                    FROM_ROOT_SESSION + verdict.annotation(), verdict.certificates())), Optional.empty());
        } catch (CertificateBodyException e) {
            // A root certificate whose body does not parse is not "no certificate": root is unread.
            return replaceRoot(fromReport, Optional.empty(), Optional.of(new Unreadable(root, "root session: " + e.getMessage())));
        } catch (RootSessions.RootSessionRefusedException | AwsCallException e) {
            return labelReportRoot(fromReport, List.of(refusedSessionNote(fromReport, e.getMessage())));
        }
    }

    /** What a refused root session leaves: the report's root verdict, or, where the report could not vouch for it, none. */
    static String refusedSessionNote(AuditResult fromReport, String reason) {
        boolean judgedFromReport = fromReport.verdicts().stream()
                .anyMatch(v -> v.principal().kind() == PrincipalKind.ROOT_ACCOUNT);
        return (judgedFromReport ? "the root account was judged from the credential report: "
                : "the root account stays unread (no root session): ") + reason;
    }

    /** The result with its root verdict or unread root replaced; everything else kept, the permission diagnosis too. */
    static AuditResult replaceRoot(AuditResult result, Optional<Verdict> verdict, Optional<Unreadable> unread) {
        List<Verdict> verdicts = new ArrayList<>(result.verdicts().stream()
                .filter(v -> v.principal().kind() != PrincipalKind.ROOT_ACCOUNT).toList());
        verdict.ifPresent(verdicts::add);
        List<Unreadable> unreadable = new ArrayList<>(result.unreadable().stream()
                .filter(u -> u.principal().kind() != PrincipalKind.ROOT_ACCOUNT).toList());
        unread.ifPresent(unreadable::add);
        return new AuditResult(verdicts, unreadable, result.seenUserIds(), result.warnings(), result.permissionProblem());
    }

    /** The result with its root verdict labelled as the credential report's and the notes added; everything else kept. */
    static AuditResult labelReportRoot(AuditResult result, List<String> notes) {
        List<Verdict> verdicts = result.verdicts().stream()
                .map(v -> v.principal().kind() == PrincipalKind.ROOT_ACCOUNT
                        ? new Verdict(v.principal(), v.compliance(), FROM_CREDENTIAL_REPORT + v.annotation(), v.certificates()) : v)
                .toList();
        List<String> warnings = new ArrayList<>(result.warnings());
        warnings.addAll(notes);
        return new AuditResult(verdicts, result.unreadable(), result.seenUserIds(), warnings, result.permissionProblem());
    }
}
