package io.github.stalecerts.audit;

import io.github.stalecerts.aws.ActionCatalogue;
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
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * The audit the Lambda and the audit command share: read the account, judge each principal.
 *
 * <p>Cost: the credential report says which users hold an active certificate, so only those are
 * listed ({@code ListSigningCertificates}); a user missing from the report, or whose row did not
 * parse, is listed too. A periodic run over N users with k certificate holders makes about
 * ceil(N/1000) + k + 3 IAM calls.
 *
 * <p>Listing runs on a small bounded pool of threads sharing one SDK client (whose adaptive retry
 * mode slows the whole pool when IAM throttles). Each user is listed exactly once and the results
 * are put together in the users' order, so verdicts, their order and the call counts are the same
 * as listing one user after another; only the wall time differs.
 *
 * <p>A denied listing leaves that user unread, whatever its place in the order: a permissions
 * boundary or an SCP can deny some users and not others. Only when every listing attempted in the
 * run was denied does the result say the role probably lacks the permission.
 */
public final class AccountAudit {

    /**
     * Listing threads in the Lambda and the audit command. At 60 ms per IAM call, 5,000 users listed
     * one after another take about 5 minutes; 8 threads bring that under a minute (see bench/README.md),
     * while staying a small, fixed number of connections against IAM's shared per-account rate.
     */
    public static final int DEFAULT_LISTING_THREADS = 8;
    static final String LIST_ACTION = ActionCatalogue.Action.IAM_LIST_SIGNING_CERTIFICATES.iamName();
    static final String OUT_OF_TIME = "not listed: the run stopped listing to leave time to report the others"
            + " before the function's timeout";
    static final String ROOT_HAS_MORE_CREDENTIALS = "the credential report's <root_account> row fills"
            + " additional_credentials_info (more than two access keys or certificates): its two certificate slots"
            + " may not show every certificate, and only the root user or a root session can list them";

    private final IamDirectory iam;
    private final Evaluator evaluator;
    private final Optional<String> accountId;
    private final int listingThreads;
    private final Deadline listingDeadline;

    /**
     * @param accountId      the audited account (the Config event carries it); empty when not known (the local command)
     * @param listingThreads {@link #DEFAULT_LISTING_THREADS}; 1 lists one user after another in the calling thread
     * @param listingDeadline once it has passed no more listing starts (the Lambda's time is nearly up): users
     *                       not listed by then are unread and named, and everyone read is still reported;
     *                       {@link Deadline#NONE} for a run without a time limit
     */
    public AccountAudit(IamDirectory iam, Evaluator evaluator, Optional<String> accountId, int listingThreads,
                        Deadline listingDeadline) {
        if (listingThreads < 1) {
            throw new IllegalArgumentException("listingThreads must be at least 1, got " + listingThreads);
        }
        this.iam = iam;
        this.evaluator = evaluator;
        this.accountId = accountId;
        this.listingThreads = listingThreads;
        this.listingDeadline = listingDeadline;
    }

    /** Every user and the root account. */
    public AuditResult all() {
        // Request the report first and read the users while IAM generates it.
        IamDirectory.PendingReport pending = iam.requestCredentialReport();
        List<IamUser> users = iam.users();
        CredentialReport report = pending.await();
        List<String> warnings = new ArrayList<>();
        boolean trustReport = pending.generatedForThisRun();
        if (!trustReport) {
            warnings.add("IAM returned a credential report made before this run (it reuses one for up to 4 hours): "
                    + "every user's certificates were listed directly");
        }
        List<IamUser> toList = new ArrayList<>();
        for (IamUser user : users) {
            Optional<CredentialReport.Row> row = Optional.ofNullable(report.usersByArn().get(user.arn()));
            boolean reportSaysNone = trustReport && row.isPresent() && row.get().provesNoActiveCertificate();
            // The report saying "no active certificate" spares the listing (this is what keeps the run cheap),
            // unless its additional_credentials_info says slots 1 and 2 are not all there is.
            if (!isExempt(user) && !reportSaysNone) {
                toList.add(user);
            }
        }
        Map<IamUser, Listing> listed = list(toList);

        List<Verdict> verdicts = new ArrayList<>(users.size() + 1);
        List<Unreadable> unreadable = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (IamUser user : users) {
            Listing listing = listed.get(user);
            if (listing == null) {
                seen.add(user.userId());
                verdicts.add(evaluator.evaluate(user.principal(), List.of()));
            } else if (!(listing instanceof Listing.Gone)) {
                seen.add(user.userId()); // a user deleted since it was listed is left out: cleanup retires it
                judge(user, listing, verdicts, unreadable);
            }
        }
        if (report.unparsedRows() > 0) {
            warnings.add(report.unparsedRows() + " credential report row(s) did not parse; those users were listed directly");
        }
        judgeRoot(report, verdicts, unreadable, warnings);
        return new AuditResult(verdicts, unreadable, seen, warnings, permissionDiagnosis(listed.values()));
    }

    /** One user, by name (a change notification): two IAM calls. */
    public AuditResult user(String userId, String userName) {
        Optional<IamUser> user = iam.user(userName);
        if (user.isEmpty() || !user.get().userId().equals(userId)) {
            // Gone, or deleted and re-created under the same name (a new UserId is a new resource).
            return new AuditResult(List.of(gone(Principal.user(userId, userName, null))), List.of(), Set.of(), List.of());
        }
        if (isExempt(user.get())) {
            return new AuditResult(List.of(evaluator.evaluate(user.get().principal(), List.of())), List.of(),
                    Set.of(userId), List.of());
        }
        Listing listing = listOne(user.get());
        List<Verdict> verdicts = new ArrayList<>(1);
        List<Unreadable> unreadable = new ArrayList<>();
        if (listing instanceof Listing.Gone) {
            verdicts.add(gone(user.get().principal()));
        } else {
            judge(user.get(), listing, verdicts, unreadable);
        }
        return new AuditResult(verdicts, unreadable, Set.of(userId), List.of(), permissionDiagnosis(List.of(listing)));
    }

    /** What listing one user's certificates gave. */
    private sealed interface Listing {
        record Read(List<SigningCertificate> certificates) implements Listing {
        }

        /** The user was deleted between being listed and its certificates being read. */
        record Gone() implements Listing {
        }

        record Failed(String reason, boolean denied) implements Listing {
        }

        /** Not attempted: the run's time was nearly up. */
        record NotListed(String reason) implements Listing {
        }
    }

    /** Lists every given user once, from the pool, and returns the outcomes keyed by user. */
    private Map<IamUser, Listing> list(List<IamUser> users) {
        Map<IamUser, Listing> out = new IdentityHashMap<>(users.size() * 2);
        if (listingThreads == 1 || users.size() <= 1) {
            users.forEach(user -> out.put(user, listOne(user)));
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(listingThreads, users.size()), LISTING_THREAD);
        try {
            List<Future<Listing>> futures = new ArrayList<>(users.size());
            for (IamUser user : users) {
                futures.add(pool.submit(() -> listOne(user)));
            }
            for (int i = 0; i < users.size(); i++) {
                out.put(users.get(i), outcome(futures.get(i)));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static final ThreadFactory LISTING_THREAD = task -> {
        Thread thread = new Thread(task, "certificate-listing");
        thread.setDaemon(true);
        return thread;
    };

    private static Listing outcome(Future<Listing> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing signing certificates", e);
        } catch (ExecutionException e) {
            // listOne catches what a listing can throw; anything else is a bug and must not pass as unread.
            // It comes out as it would from the calling thread's own listing.
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Listing listOne(IamUser user) {
        if (listingDeadline.passed()) {
            return new Listing.NotListed(OUT_OF_TIME);
        }
        try {
            return new Listing.Read(iam.certificates(user.userName()));
        } catch (CertificateBodyException e) {
            return new Listing.Failed(e.getMessage(), false);
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return new Listing.Gone();
            }
            if (e.isAccessDenied()) {
                // Judged per user: a permissions boundary or SCP can deny this user and allow the others.
                String code = e.errorCode() == null ? "" : " (" + e.errorCode() + ")";
                return new Listing.Failed(LIST_ACTION + " was denied for this user" + code, true);
            }
            return new Listing.Failed(e.getMessage(), false); // throttled or 5xx after the SDK's retries
        }
    }

    private void judge(IamUser user, Listing listing, List<Verdict> verdicts, List<Unreadable> unreadable) {
        if (listing instanceof Listing.Read read) {
            verdicts.add(evaluator.evaluate(user.principal(), read.certificates()));
        } else if (listing instanceof Listing.Failed failed) {
            unreadable.add(new Unreadable(user.principal(), failed.reason()));
        } else if (listing instanceof Listing.NotListed notListed) {
            unreadable.add(new Unreadable(user.principal(), notListed.reason()));
        }
    }

    /** Said only when every listing attempted in the run was denied (those the out-of-time stop skipped do not count). */
    private static Optional<String> permissionDiagnosis(Collection<Listing> listings) {
        List<Listing> attempted = listings.stream().filter(l -> !(l instanceof Listing.NotListed)).toList();
        boolean allDenied = !attempted.isEmpty()
                && attempted.stream().allMatch(l -> l instanceof Listing.Failed failed && failed.denied());
        return allDenied
                ? Optional.of("every " + LIST_ACTION + " call in this run was denied: the caller's role probably lacks "
                        + "permission for " + LIST_ACTION + "; if it has it, a permissions boundary or an SCP denies "
                        + "it for these users")
                : Optional.empty();
    }

    private static Verdict gone(Principal principal) {
        return new Verdict(principal, Compliance.NOT_APPLICABLE, "user no longer exists");
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
            Verdict verdict = evaluator.evaluate(Principal.rootAccount(root.accountId()), root.activeCertificates());
            if (root.mayHaveMoreCertificates() && verdict.compliance() != Compliance.NON_COMPLIANT) {
                // A stale certificate in slots 1-2 is proof enough; "none" or "fresh" is not, and a role in the
                // account cannot list the root user's certificates.
                unreadable.add(new Unreadable(verdict.principal(), ROOT_HAS_MORE_CREDENTIALS));
            } else {
                verdicts.add(verdict);
            }
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
