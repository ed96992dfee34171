package io.github.stalecerts.organization;

import io.github.stalecerts.audit.AuditResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Audits many accounts, at most {@code concurrency} at once. One account that cannot be audited
 * never hides the others: its failure is recorded in its outcome and the run goes on.
 */
public final class OrganizationAudit {

    /** Audits one account; throws when the account cannot be audited. */
    @FunctionalInterface
    public interface AccountAuditor {
        AuditResult audit(MemberAccount account);
    }

    /** Told about each finished account, on the calling thread, in the order they finish. */
    @FunctionalInterface
    public interface Progress {
        void finished(AccountOutcome outcome, int done, int total);
    }

    private final AccountAuditor auditor;
    private final int concurrency;

    public OrganizationAudit(AccountAuditor auditor, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.auditor = auditor;
        this.concurrency = concurrency;
    }

    /** Every account's outcome, sorted by account id. */
    public List<AccountOutcome> run(List<MemberAccount> accounts, Progress progress) {
        if (accounts.isEmpty()) {
            return List.of();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, accounts.size()), task -> {
            Thread thread = new Thread(task, "account-audit-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<AccountOutcome> completions = new ExecutorCompletionService<>(pool);
            accounts.forEach(account -> completions.submit(() -> auditOne(account)));
            List<AccountOutcome> outcomes = new ArrayList<>(accounts.size());
            for (int done = 1; done <= accounts.size(); done++) {
                AccountOutcome outcome = completions.take().get();
                outcomes.add(outcome);
                progress.finished(outcome, done, accounts.size());
            }
            outcomes.sort(Comparator.comparing(o -> o.account().id()));
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while auditing the organization's accounts", e);
        } catch (ExecutionException e) {
            // auditOne catches every RuntimeException: only an Error gets here.
            throw new IllegalStateException("an account audit failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private AccountOutcome auditOne(MemberAccount account) {
        try {
            return AccountOutcome.audited(account, auditor.audit(account));
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return AccountOutcome.failed(account, reason);
        }
    }
}
