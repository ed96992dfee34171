package io.github.stalecerts.audit;

import io.github.stalecerts.aws.AwsCallException;
import io.github.stalecerts.iam.CertificateBodyException;
import io.github.stalecerts.iam.CredentialReport;
import io.github.stalecerts.iam.CredentialReportException;
import io.github.stalecerts.iam.IamAccount;
import io.github.stalecerts.iam.IamUser;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The pipeline shared by the Lambda and the audit command: read the account, judge each principal.
 *
 * <p>Cost: the credential report says which users hold an active certificate, so only those are
 * listed ({@code ListSigningCertificates}); a user missing from the report, or whose row did not
 * parse, is listed too. A periodic run over N users with k certificate holders makes about
 * ceil(N/1000) + k + 2 IAM calls.
 */
public final class AccountAudit {

    private final IamAccount iam;
    private final Evaluator evaluator;

    public AccountAudit(IamAccount iam, Evaluator evaluator) {
        this.iam = iam;
        this.evaluator = evaluator;
    }

    /** Every user and the root account. */
    public AuditResult all() {
        // Request the report first and read the users while IAM generates it.
        IamAccount.PendingReport pending = iam.requestCredentialReport();
        List<IamUser> users = iam.users();
        CredentialReport report = pending.await();
        List<Verdict> verdicts = new ArrayList<>(users.size() + 1);
        List<Unreadable> unreadable = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (IamUser user : users) {
            seen.add(user.userId());
            Optional<CredentialReport.Row> row = Optional.ofNullable(report.usersByArn().get(user.arn()));
            if (row.isPresent() && !row.get().hasActiveCertificate() && !isExempt(user)) {
                // The report says no active certificate: no need to list (this is what keeps the run cheap).
                verdicts.add(evaluator.evaluate(user.principal(), List.of()));
                continue;
            }
            judge(user, verdicts, unreadable);
        }
        if (report.unparsedRows() > 0) {
            warnings.add(report.unparsedRows() + " credential report row(s) did not parse; those users were listed directly");
        }
        judgeRoot(report, users, verdicts, unreadable, warnings);
        return new AuditResult(verdicts, unreadable, seen, warnings);
    }

    /** One user, by name (a change notification): two IAM calls. */
    public AuditResult user(String userId, String userName) {
        Optional<IamUser> user = iam.user(userName);
        if (user.isEmpty() || !user.get().userId().equals(userId)) {
            // Gone, or deleted and re-created under the same name (a new UserId is a new resource).
            Verdict gone = new Verdict(Principal.user(userId, userName, null), Compliance.NOT_APPLICABLE,
                    "user no longer exists");
            return new AuditResult(List.of(gone), List.of(), Set.of(), List.of());
        }
        List<Verdict> verdicts = new ArrayList<>(1);
        List<Unreadable> unreadable = new ArrayList<>();
        judge(user.get(), verdicts, unreadable);
        return new AuditResult(verdicts, unreadable, Set.of(userId), List.of());
    }

    private void judge(IamUser user, List<Verdict> verdicts, List<Unreadable> unreadable) {
        if (isExempt(user)) {
            verdicts.add(evaluator.evaluate(user.principal(), List.of()));
            return;
        }
        try {
            verdicts.add(evaluator.evaluate(user.principal(), iam.certificates(user.userName())));
        } catch (CertificateBodyException e) {
            unreadable.add(new Unreadable(user.principal(), e.getMessage()));
        } catch (AwsCallException e) {
            if (e.isAccessDenied()) {
                throw e; // every other user would fail the same way: stop now and name the permission
            }
            unreadable.add(new Unreadable(user.principal(), e.getMessage()));
        }
    }

    private void judgeRoot(CredentialReport report, List<IamUser> users, List<Verdict> verdicts,
                           List<Unreadable> unreadable, List<String> warnings) {
        if (report.rootProblem().isPresent()) {
            // A root row that is there but cannot be trusted: the root account was not read.
            String accountId = users.isEmpty() ? "root account" : users.get(0).arn().split(":")[4];
            unreadable.add(new Unreadable(Principal.rootAccount(accountId), report.rootProblem().get()));
            return;
        }
        if (report.root().isEmpty()) {
            warnings.add("the credential report has no <root_account> row: the root account got no verdict");
            return;
        }
        CredentialReport.Row root = report.root().get();
        Principal principal = Principal.rootAccount(root.accountId());
        try {
            verdicts.add(evaluator.evaluate(principal, root.activeCertificates()));
        } catch (CredentialReportException e) {
            unreadable.add(new Unreadable(principal, e.getMessage()));
        }
    }

    private boolean isExempt(IamUser user) {
        return evaluator.isExempt(user.principal());
    }
}
