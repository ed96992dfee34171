package io.github.stalecerts.audit;

import io.github.stalecerts.aws.AwsCallException;
import io.github.stalecerts.iam.CertificateBodyException;
import io.github.stalecerts.iam.CredentialReport;
import io.github.stalecerts.iam.CredentialReportException;
import io.github.stalecerts.iam.IamDirectory;
import io.github.stalecerts.iam.IamUser;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.SigningCertificate;
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

    private final IamDirectory iam;
    private final Evaluator evaluator;
    private final Optional<String> accountId;

    /** @param accountId the audited account (the Config event carries it); empty when not known (the local command) */
    public AccountAudit(IamDirectory iam, Evaluator evaluator, Optional<String> accountId) {
        this.iam = iam;
        this.evaluator = evaluator;
        this.accountId = accountId;
    }

    /** Every user and the root account. */
    public AuditResult all() {
        // Request the report first and read the users while IAM generates it.
        IamDirectory.PendingReport pending = iam.requestCredentialReport();
        List<IamUser> users = iam.users();
        CredentialReport report = pending.await();
        List<Verdict> verdicts = new ArrayList<>(users.size() + 1);
        List<Unreadable> unreadable = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean trustReport = pending.generatedForThisRun();
        if (!trustReport) {
            warnings.add("IAM returned a credential report made before this run (it reuses one for up to 4 hours): "
                    + "every user's certificates were listed directly");
        }
        Listing listing = new Listing();
        for (IamUser user : users) {
            seen.add(user.userId());
            Optional<CredentialReport.Row> row = Optional.ofNullable(report.usersByArn().get(user.arn()));
            if (trustReport && row.isPresent() && !row.get().hasActiveCertificate() && !isExempt(user)) {
                // The report says no active certificate: no need to list (this is what keeps the run cheap).
                verdicts.add(evaluator.evaluate(user.principal(), List.of()));
                continue;
            }
            if (!judge(user, verdicts, unreadable, listing)) {
                seen.remove(user.userId()); // deleted since it was listed: cleanup retires it
            }
        }
        if (report.unparsedRows() > 0) {
            warnings.add(report.unparsedRows() + " credential report row(s) did not parse; those users were listed directly");
        }
        judgeRoot(report, verdicts, unreadable, warnings);
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
        if (!judge(user.get(), verdicts, unreadable, new Listing())) {
            verdicts.add(new Verdict(user.get().principal(), Compliance.NOT_APPLICABLE, "user no longer exists"));
        }
        return new AuditResult(verdicts, unreadable, Set.of(userId), List.of());
    }

    /** Whether any listing has succeeded in this run: a denial before that means the role lacks the permission. */
    private static final class Listing {
        boolean succeeded;
    }

    /** Judges one user by listing its certificates; false when the user no longer exists. */
    private boolean judge(IamUser user, List<Verdict> verdicts, List<Unreadable> unreadable, Listing listing) {
        if (isExempt(user)) {
            verdicts.add(evaluator.evaluate(user.principal(), List.of()));
            return true;
        }
        try {
            List<SigningCertificate> certificates = iam.certificates(user.userName());
            listing.succeeded = true;
            verdicts.add(evaluator.evaluate(user.principal(), certificates));
        } catch (CertificateBodyException e) {
            unreadable.add(new Unreadable(user.principal(), e.getMessage()));
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return false;
            }
            if (e.isAccessDenied() && !listing.succeeded) {
                throw e; // the role lacks the permission: every user would fail the same way, say so now
            }
            // Denied for this user only (a permissions boundary or SCP on a path), throttled, 5xx: this user is unread.
            unreadable.add(new Unreadable(user.principal(), e.getMessage()));
        }
        return true;
    }

    private void judgeRoot(CredentialReport report, List<Verdict> verdicts,
                           List<Unreadable> unreadable, List<String> warnings) {
        if (report.rootProblem().isPresent()) {
            // A root row that is there but cannot be trusted: the root account was not read.
            unreadable.add(new Unreadable(unreadRoot(), report.rootProblem().get()));
            return;
        }
        if (report.root().isEmpty()) {
            warnings.add("the credential report has no <root_account> row: the root account got no verdict");
            return;
        }
        CredentialReport.Row root = report.root().get();
        try {
            verdicts.add(evaluator.evaluate(Principal.rootAccount(root.accountId()), root.activeCertificates()));
        } catch (CredentialReportException e) {
            unreadable.add(new Unreadable(unreadRoot(), e.getMessage()));
        }
    }

    /** The root account when its row could not be read: named by the account id when it is known. */
    private Principal unreadRoot() {
        return Principal.rootAccount(accountId.orElse("root account"));
    }

    private boolean isExempt(IamUser user) {
        return evaluator.isExempt(user.principal());
    }
}
