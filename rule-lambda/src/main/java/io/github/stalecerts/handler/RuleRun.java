package io.github.stalecerts.handler;

import io.github.stalecerts.audit.AccountAudit;
import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.audit.Deadline;
import io.github.stalecerts.aws.ApiCallCounter;
import io.github.stalecerts.config.Invocation;
import io.github.stalecerts.config.RuleResults;
import io.github.stalecerts.config.Trigger;
import io.github.stalecerts.iam.IamDirectory;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.PrincipalKind;
import io.github.stalecerts.rule.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One Config invocation, end to end: trigger -> inventory -> evaluator -> verdicts -> PutEvaluations.
 * Verdicts that could be made are reported before an incomplete run fails, so one unreadable user
 * does not hide everyone else's result.
 */
public final class RuleRun {

    private final IamDirectory iam;
    private final RuleResults results;
    private final ApiCallCounter counter;
    private final Clock clock;
    private final int listingThreads;

    /**
     * @param iam            the account's IAM ({@code new AwsIamDirectory(client, sleeper)} in the Lambda)
     * @param results        where verdicts go ({@code AwsRuleResults} in the Lambda)
     * @param counter        the counter attached to the clients behind {@code iam} and {@code results}
     * @param listingThreads threads listing certificates ({@link AccountAudit#DEFAULT_LISTING_THREADS}; 1: one user
     *                       after another, as the benchmark compares)
     */
    public RuleRun(IamDirectory iam, RuleResults results, ApiCallCounter counter, Clock clock, int listingThreads) {
        this.listingThreads = listingThreads;
        this.iam = iam;
        this.results = results;
        this.counter = counter;
        this.clock = clock;
    }

    /**
     * Time kept back from listing for reporting (PutEvaluations, the cleanup's paging) when the
     * function's time is nearly up: a timed-out run reports nothing at all.
     */
    public static final Duration REPORTING_RESERVE = Duration.ofSeconds(30);

    /**
     * @param warn     receives warnings that do not fail the run
     * @param timeout  when the function times out; listing stops {@link #REPORTING_RESERVE} before it, and the
     *                 users not listed are named unread
     * @throws IncompleteEvaluationException after reporting, when some principal could not be read
     */
    public RunSummary run(Invocation invocation, Consumer<String> warn, Deadline timeout) {
        long start = System.nanoTime();
        counter.reset();
        AccountAudit audit = new AccountAudit(iam, new Evaluator(invocation.parameters(), clock),
                Optional.ofNullable(invocation.accountId()), listingThreads, timeout.earlierBy(REPORTING_RESERVE));
        Trigger trigger = invocation.trigger();
        AuditResult result;
        if (trigger instanceof Trigger.UserChanged changed) {
            result = audit.user(changed.userId(), changed.userName());
        } else if (trigger instanceof Trigger.NotApplicable gone) {
            result = new AuditResult(List.of(notApplicable(gone)), List.of(), Set.of(), List.of());
        } else {
            result = audit.all();
        }
        result.warnings().forEach(warn);
        int retired;
        try {
            retired = report(invocation, result);
        } catch (RuntimeException e) {
            if (result.complete()) {
                throw e;
            }
            // The log is the only record of who was not evaluated: name them even when reporting failed.
            throw new IncompleteEvaluationException(result.unreadableSummary() + "; then reporting failed: " + e.getMessage(),
                    result.unreadableLines(Optional.ofNullable(invocation.accountId())), e);
        }
        RunSummary summary = new RunSummary(invocation.accountId(), trigger.getClass().getSimpleName(),
                RunSummary.count(result.verdicts()), result.unreadable().size(), retired, counter.snapshot(),
                (System.nanoTime() - start) / 1_000_000);
        if (!result.complete()) {
            throw new IncompleteEvaluationException(result.unreadableSummary() + " | " + summary.line(),
                    result.unreadableLines(Optional.ofNullable(invocation.accountId())));
        }
        return summary;
    }

    /** Reports the verdicts, then (periodic runs) retires deleted users; returns how many were retired. */
    private int report(Invocation invocation, AuditResult result) {
        Trigger trigger = invocation.trigger();
        results.report(result.verdicts(), trigger.orderingTimestamp(), invocation.resultToken());
        if (!(trigger instanceof Trigger.Periodic) || invocation.testMode()) {
            return 0;
        }
        List<Verdict> gone = retireDeletedUsers(invocation.configRuleName(), result.seenUserIds(), trigger.orderingTimestamp());
        results.report(gone, trigger.orderingTimestamp(), invocation.resultToken());
        return gone.size();
    }

    /**
     * Users this rule judged before that no longer exist. Skipped in test mode: nothing was recorded
     * then, so there is nothing to retire.
     */
    private List<Verdict> retireDeletedUsers(String configRuleName, Set<String> liveUserIds, Instant runTime) {
        if (configRuleName == null || configRuleName.isBlank()) {
            throw new IllegalArgumentException("configRuleName is missing from the Config event; it is needed to retire deleted users");
        }
        return results.judgedResourceIds(configRuleName, PrincipalKind.USER.resourceType(), runTime).stream()
                .filter(id -> !liveUserIds.contains(id))
                .map(id -> new Verdict(Principal.user(id, id, null), Compliance.NOT_APPLICABLE, "user no longer exists"))
                .toList();
    }

    private static Verdict notApplicable(Trigger.NotApplicable gone) {
        PrincipalKind kind = PrincipalKind.ROOT_ACCOUNT.resourceType().equals(gone.resourceType())
                ? PrincipalKind.ROOT_ACCOUNT : PrincipalKind.USER;
        String name = gone.resourceName() == null ? gone.resourceId() : gone.resourceName();
        return new Verdict(new Principal(kind, gone.resourceId(), name, null), Compliance.NOT_APPLICABLE, gone.reason());
    }
}
