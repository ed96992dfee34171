package io.github.stalecerts.organization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.audit.Unreadable;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The parallel runner and the account selection, with stand-in audits (no AWS). */
class OrganizationAuditTest {

    private static MemberAccount account(int n) {
        return new MemberAccount(String.format("%012d", n), "account-" + n, MemberAccount.ACTIVE);
    }

    private static AuditResult oneNonCompliantUser(MemberAccount account) {
        return new AuditResult(List.of(
                new Verdict(Principal.user("AIDA" + account.id(), "u", Map.of()), Compliance.NON_COMPLIANT, "stale"),
                new Verdict(Principal.rootAccount(account.id()), Compliance.COMPLIANT, "fine")),
                List.of(new Unreadable(Principal.user("AIDAX" + account.id(), "x", Map.of()), "throttled")),
                Set.of(), List.of());
    }

    @Test
    void neverRunsMoreThanTheConcurrencyAtOnceAndReportsEveryAccountSorted() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        OrganizationAudit audit = new OrganizationAudit(account -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            running.decrementAndGet();
            return oneNonCompliantUser(account);
        }, 3);
        List<MemberAccount> accounts = new ArrayList<>(IntStream.rangeClosed(1, 12).mapToObj(OrganizationAuditTest::account).toList());
        Collections.reverse(accounts);
        List<Integer> done = new CopyOnWriteArrayList<>();

        List<AccountOutcome> outcomes = audit.run(accounts, (outcome, n, total) -> {
            assertEquals(12, total);
            done.add(n);
        });

        assertTrue(most.get() <= 3, "at most 3 at once, saw " + most.get());
        assertTrue(most.get() >= 2, "accounts do run in parallel, saw " + most.get());
        assertEquals(IntStream.rangeClosed(1, 12).boxed().toList(), done);
        assertEquals(IntStream.rangeClosed(1, 12).mapToObj(n -> String.format("%012d", n)).toList(),
                outcomes.stream().map(o -> o.account().id()).toList());
        AccountOutcome first = outcomes.get(0);
        assertEquals(2, first.users(), "a judged and an unread user");
        assertEquals(1, first.nonCompliant());
        assertEquals(1, first.unread());
        assertFalse(first.complete());
    }

    @Test
    void oneAccountThatFailsNeverHidesTheOthers() {
        OrganizationAudit audit = new OrganizationAudit(account -> {
            if (account.id().endsWith("2")) {
                throw new IllegalStateException("sts:AssumeRole was denied");
            }
            return oneNonCompliantUser(account);
        }, 2);

        List<AccountOutcome> outcomes = audit.run(List.of(account(1), account(2), account(3)), (o, n, t) -> { });

        assertEquals(3, outcomes.size());
        assertEquals(Optional.of("sts:AssumeRole was denied"), outcomes.get(1).failure());
        assertEquals(0, outcomes.get(1).users());
        assertTrue(outcomes.get(0).result().isPresent() && outcomes.get(2).result().isPresent());
    }

    @Test
    void noAccountsIsNoWork() {
        assertEquals(List.of(), new OrganizationAudit(a -> {
            throw new AssertionError("not called");
        }, 4).run(List.of(), (o, n, t) -> { }));
        assertThrows(IllegalArgumentException.class, () -> new OrganizationAudit(a -> null, 0));
    }

    @Test
    void selectionAuditsActiveAccountsSkipsTheRestAndNamesBadRequests() {
        MemberAccount active = account(5);
        MemberAccount suspended = new MemberAccount("000000000007", "old", "SUSPENDED");
        MemberAccount closing = new MemberAccount("000000000006", "going", "PENDING_CLOSURE");
        List<MemberAccount> all = List.of(suspended, active, closing, account(1));

        AccountSelection everything = AccountSelection.of(all, Set.of());
        assertEquals(List.of(account(1), active), everything.audited());
        assertEquals(List.of(closing, suspended), everything.skipped());
        assertEquals(List.of(), everything.notActiveMembers());

        AccountSelection some = AccountSelection.of(all, Set.of(active.id()));
        assertEquals(List.of(active), some.audited());
        assertEquals(List.of(), some.skipped());

        AccountSelection bad = AccountSelection.of(all, Set.of(suspended.id(), "999999999999", active.id()));
        assertEquals(List.of("000000000007 (SUSPENDED)", "999999999999 (not in the organization)"), bad.notActiveMembers());
    }

    @Test
    void callerPartitionComesFromItsArn() {
        assertEquals("aws-us-gov", Caller.of("111122223333", "arn:aws-us-gov:sts::111122223333:assumed-role/a/b").partition());
        assertThrows(IllegalStateException.class, () -> Caller.of("111122223333", "not-an-arn"));
    }
}
