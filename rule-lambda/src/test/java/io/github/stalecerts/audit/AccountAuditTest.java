package io.github.stalecerts.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.iam.CredentialReport;
import io.github.stalecerts.iam.IamDirectory;
import io.github.stalecerts.iam.IamUser;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.PrincipalKind;
import io.github.stalecerts.rule.RuleParameters;
import io.github.stalecerts.rule.SigningCertificate;
import io.github.stalecerts.rule.Verdict;
import io.github.stalecerts.testing.InMemoryIam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The audit's logic over an in-memory IAM: which users are listed, and what becomes of each failure. */
class AccountAuditTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final InMemoryIam iam = new InMemoryIam();

    private AccountAudit audit(RuleParameters parameters) {
        return new AccountAudit(iam, new Evaluator(parameters, CLOCK), Optional.of(InMemoryIam.ACCOUNT_ID),
                AccountAudit.DEFAULT_LISTING_THREADS, Deadline.NONE);
    }

    private AccountAudit audit(IamDirectory directory, int threads, Deadline listingDeadline) {
        return new AccountAudit(directory, new Evaluator(RuleParameters.DEFAULTS, CLOCK), Optional.of(InMemoryIam.ACCOUNT_ID),
                threads, listingDeadline);
    }

    /**
     * Passed after this many checks: the ticker advances one per check, so exactly that many listings
     * start, whichever threads take them.
     */
    private static Deadline outOfTimeAfter(int listings) {
        AtomicInteger checks = new AtomicInteger();
        return Deadline.at(listings + 1, checks::incrementAndGet);
    }

    /** Twenty users, every third with a stale certificate, some denied or throttled; no report row, so all are listed. */
    private void twentyUsers() {
        for (int i = 1; i <= 20; i++) {
            String name = "user-%02d".formatted(i);
            if (i % 3 == 0) {
                iam.add(name, active(name + "-cert", 200));
            } else {
                iam.add(name, active(name + "-cert", 5));
            }
        }
        iam.failListing("user-04", InMemoryIam.denied("iam:ListSigningCertificates"));
        iam.failListing("user-11", InMemoryIam.throttled("iam:ListSigningCertificates"));
        iam.failListing("user-17", InMemoryIam.badBody("user-17-cert"));
    }

    /** The in-memory IAM, each listing answered after a seeded random delay, so the pool's threads finish out of order. */
    private IamDirectory withRandomListingDelays(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Long> delays = new HashMap<>();
        iam.users().forEach(user -> delays.put(user.userName(), random.nextLong(0, 15)));
        iam.calls.clear();
        return listingWith(userName -> {
            try {
                Thread.sleep(delays.get(userName));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return iam.certificates(userName);
        });
    }

    /** The in-memory IAM with its certificate listing replaced. */
    private IamDirectory listingWith(Function<String, List<SigningCertificate>> listing) {
        return new IamDirectory() {
            @Override
            public List<IamUser> users() {
                return iam.users();
            }

            @Override
            public Optional<IamUser> user(String userName) {
                return iam.user(userName);
            }

            @Override
            public List<SigningCertificate> certificates(String userName) {
                return listing.apply(userName);
            }

            @Override
            public void deactivate(String userName, String certificateId) {
                iam.deactivate(userName, certificateId);
            }

            @Override
            public PendingReport requestCredentialReport() {
                return iam.requestCredentialReport();
            }
        };
    }

    private static List<String> sorted(List<String> calls) {
        return calls.stream().sorted().toList();
    }

    private static SigningCertificate active(String id, int daysOld) {
        return new SigningCertificate(id, true, NOW.minus(Duration.ofDays(daysOld)), Optional.of(NOW.plus(Duration.ofDays(400))));
    }

    private static CredentialReport.Slot slot(String name, Integer daysOld) {
        return daysOld == null ? new CredentialReport.Slot(name, false, Optional.empty())
                : new CredentialReport.Slot(name, true, Optional.of(NOW.minus(Duration.ofDays(daysOld))));
    }

    private static CredentialReport.Row row(IamUser user, Integer cert1DaysOld) {
        return new CredentialReport.Row(user.userName(), user.arn(), slot("cert_1", cert1DaysOld), slot("cert_2", null), Optional.empty());
    }

    private static CredentialReport.Row root(Integer cert1DaysOld) {
        return new CredentialReport.Row("<root_account>", "arn:aws:iam::" + InMemoryIam.ACCOUNT_ID + ":root",
                slot("cert_1", cert1DaysOld), slot("cert_2", null), Optional.empty());
    }

    private static CredentialReport report(Optional<CredentialReport.Row> root, int unparsed, CredentialReport.Row... rows) {
        Map<String, CredentialReport.Row> byArn = new HashMap<>();
        for (CredentialReport.Row row : rows) {
            byArn.put(row.arn(), row);
        }
        return new CredentialReport(byArn, root, unparsed, Optional.empty());
    }

    private static Map<String, Verdict> byName(AuditResult result) {
        return result.verdicts().stream().collect(Collectors.toMap(v -> v.principal().name(), Function.identity()));
    }

    @Test
    void aFreshReportSparesListingUsersWithoutAnActiveCertificate() {
        IamUser alice = iam.add("alice");
        IamUser bob = iam.add("bob", active("BOBCERT", 200));
        iam.report(report(Optional.of(root(null)), 0, row(alice, null), row(bob, 200)), false);

        AuditResult result = audit(RuleParameters.DEFAULTS).all();

        assertEquals(List.of("iam:ListSigningCertificates bob"),
                iam.calls.stream().filter(c -> c.startsWith("iam:ListSigningCertificates")).toList());
        Map<String, Verdict> verdicts = byName(result);
        assertEquals(Compliance.COMPLIANT, verdicts.get("alice").compliance());
        assertEquals(Compliance.NON_COMPLIANT, verdicts.get("bob").compliance());
        assertEquals(Compliance.COMPLIANT, verdicts.get("<root_account>").compliance());
        assertEquals(InMemoryIam.ACCOUNT_ID, verdicts.get("<root_account>").principal().resourceId());
        assertEquals(Set.of(alice.userId(), bob.userId()), result.seenUserIds());
        assertTrue(result.complete());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void aReportMadeBeforeTheRunDoesNotStandInForListing() {
        IamUser alice = iam.add("alice", active("ALICECERT", 10));
        iam.report(report(Optional.of(root(null)), 0, row(alice, null)), true);

        AuditResult result = audit(RuleParameters.DEFAULTS).all();

        assertEquals(1, iam.count("iam:ListSigningCertificates"), "listed although the old report says no certificate");
        assertEquals(Compliance.COMPLIANT, byName(result).get("alice").compliance());
        assertTrue(byName(result).get("alice").annotation().startsWith("1 active signing certificate"));
        assertTrue(result.warnings().get(0).contains("made before this run"), result.warnings().toString());
    }

    @Test
    void usersWithoutARowOrWithAnUnparsedRowAreListed() {
        iam.add("alice", active("ALICECERT", 200));
        iam.report(report(Optional.of(root(null)), 1), false);

        AuditResult result = audit(RuleParameters.DEFAULTS).all();

        assertEquals(1, iam.count("iam:ListSigningCertificates"));
        assertEquals(Compliance.NON_COMPLIANT, byName(result).get("alice").compliance());
        assertTrue(result.warnings().contains("1 credential report row(s) did not parse; those users were listed directly"),
                result.warnings().toString());
    }

    @Test
    void rootAccountUnderRotateAndForbid() {
        iam.report(report(Optional.of(root(10)), 0), false);

        Verdict rotate = byName(audit(RuleParameters.DEFAULTS).all()).get("<root_account>");
        Verdict forbid = byName(audit(RuleParameters.parse(Map.of("rootCertificatePolicy", "forbid"))).all()).get("<root_account>");

        assertEquals(PrincipalKind.ROOT_ACCOUNT, rotate.principal().kind());
        assertEquals(Compliance.COMPLIANT, rotate.compliance());
        assertEquals(Compliance.NON_COMPLIANT, forbid.compliance());
        assertTrue(forbid.annotation().contains("rootCertificatePolicy=forbid"), forbid.annotation());
    }

    @Test
    void aReportWithoutARootRowWarnsAndStillJudgesTheUsers() {
        iam.add("alice");

        AuditResult result = audit(RuleParameters.DEFAULTS).all();

        assertTrue(result.complete());
        assertEquals(Set.of("alice"), byName(result).keySet());
        assertEquals(List.of("the credential report has no <root_account> row: the root account got no verdict"), result.warnings());
    }

    @Test
    void aRootRowThatCannotBeTrustedLeavesTheRootAccountUnreadNamedByTheEventsAccountId() {
        iam.add("alice");
        iam.report(new CredentialReport(Map.of(), Optional.empty(), 1,
                Optional.of("the credential report's <root_account> row does not parse")), false);

        AuditResult result = audit(RuleParameters.DEFAULTS).all();

        assertFalse(result.complete());
        assertEquals(InMemoryIam.ACCOUNT_ID, result.unreadable().get(0).principal().resourceId());
        assertEquals(PrincipalKind.ROOT_ACCOUNT, result.unreadable().get(0).principal().kind());
    }

    private static CredentialReport.Row withMore(CredentialReport.Row row) {
        return new CredentialReport.Row(row.user(), row.arn(), row.cert1(), row.cert2(),
                Optional.of("1 additional certificate; use ListSigningCertificates to list them"));
    }

    @Test
    void aUserRowWithAdditionalCredentialsInfoIsListedThoughItsSlotsSayNone() {
        IamUser alice = iam.add("alice", active("THIRDCERT", 200));
        IamUser bob = iam.add("bob");
        iam.report(report(Optional.of(root(null)), 0, withMore(row(alice, null)), row(bob, null)), false);

        AuditResult result = audit(RuleParameters.DEFAULTS).all();

        assertEquals(List.of("iam:ListSigningCertificates alice"),
                iam.calls.stream().filter(c -> c.startsWith("iam:ListSigningCertificates")).toList());
        assertEquals(Compliance.NON_COMPLIANT, byName(result).get("alice").compliance());
        assertEquals(Compliance.COMPLIANT, byName(result).get("bob").compliance());
    }

    @Test
    void aRootRowWithAdditionalCredentialsInfoIsNeverCompliantFromItsSlots() {
        iam.report(report(Optional.of(withMore(root(null))), 0), false);
        AuditResult none = audit(RuleParameters.DEFAULTS).all();
        iam.report(report(Optional.of(withMore(root(10))), 0), false);
        AuditResult fresh = audit(RuleParameters.DEFAULTS).all();

        for (AuditResult result : List.of(none, fresh)) {
            assertEquals(List.of(), result.verdicts(), "no verdict from slots 1 and 2");
            assertFalse(result.complete());
            assertEquals(PrincipalKind.ROOT_ACCOUNT, result.unreadable().get(0).principal().kind());
            assertEquals(InMemoryIam.ACCOUNT_ID, result.unreadable().get(0).principal().resourceId());
            assertEquals(AccountAudit.ROOT_HAS_MORE_CREDENTIALS, result.unreadable().get(0).reason());
        }
    }

    @Test
    void aStaleRootCertificateInSlotsOneOrTwoIsProofEnoughWhateverElseTheRootHolds() {
        iam.report(report(Optional.of(withMore(root(200))), 0), false);

        AuditResult result = audit(RuleParameters.DEFAULTS).all();

        assertEquals(Compliance.NON_COMPLIANT, byName(result).get("<root_account>").compliance());
        assertTrue(result.complete());
    }

    @Test
    void aRootSlotActiveWithoutADateGetsNoVerdict() {
        iam.report(report(Optional.of(new CredentialReport.Row("<root_account>", "arn:aws:iam::" + InMemoryIam.ACCOUNT_ID + ":root",
                new CredentialReport.Slot("cert_1", true, Optional.empty()), slot("cert_2", null), Optional.empty())), 0), false);

        AuditResult result = audit(RuleParameters.DEFAULTS).all();

        assertEquals(List.of(), result.verdicts());
        assertTrue(result.unreadable().get(0).reason().contains("cert_1_active=true but no cert_1_last_rotated"),
                result.unreadable().get(0).reason());
    }

    @Test
    void aCertificateBodyThatDoesNotParseLeavesThatUserWithoutAVerdict() {
        iam.add("alice", active("ALICECERT", 1));
        iam.add("bob", active("BOBCERT", 1));
        iam.failListing("bob", InMemoryIam.badBody("BOBCERT"));

        AuditResult result = audit(RuleParameters.DEFAULTS).all();

        assertEquals(Set.of("alice"), byName(result).keySet());
        assertEquals("bob", result.unreadable().get(0).principal().name());
        assertTrue(result.unreadableSummary().contains("bob"), result.unreadableSummary());
    }

    @Test
    void aUserDeletedMidRunIsDroppedNotUnread() {
        IamUser ghost = iam.add("ghost", active("GHOSTCERT", 1));
        iam.add("alice");
        iam.failListing("ghost", InMemoryIam.notFound("iam:ListSigningCertificates"));

        AuditResult result = audit(RuleParameters.DEFAULTS).all();

        assertTrue(result.complete());
        assertFalse(result.seenUserIds().contains(ghost.userId()), "cleanup retires it");
        assertFalse(byName(result).containsKey("ghost"));
    }

    @Test
    void aDenialForTheFirstUserListedLeavesOnlyThatUserUnread() {
        iam.add("alice", active("ALICECERT", 1));
        iam.add("bob", active("BOBCERT", 1));
        iam.failListing("alice", InMemoryIam.denied("iam:ListSigningCertificates"));

        AuditResult result = audit(RuleParameters.DEFAULTS).all();

        assertEquals(List.of("alice"), result.unreadable().stream().map(u -> u.principal().name()).toList());
        assertEquals("iam:ListSigningCertificates was denied for this user", result.unreadable().get(0).reason());
        assertEquals(Compliance.COMPLIANT, byName(result).get("bob").compliance());
        assertTrue(result.permissionProblem().isEmpty(), "one denial among reads is not a missing permission");
    }

    @Test
    void aDenialForEveryUserNamesThePermissionAndTheAlternative() {
        iam.add("alice", active("ALICECERT", 1));
        iam.add("bob", active("BOBCERT", 1));
        iam.failListing("alice", InMemoryIam.denied("iam:ListSigningCertificates"));
        iam.failListing("bob", InMemoryIam.denied("iam:ListSigningCertificates"));

        AuditResult result = audit(RuleParameters.DEFAULTS).all();

        assertEquals(2, result.unreadable().size());
        String problem = result.permissionProblem().orElseThrow();
        assertTrue(problem.contains("probably lacks permission for iam:ListSigningCertificates"), problem);
        assertTrue(problem.contains("a permissions boundary or an SCP"), problem);
    }

    @Test
    void aDenialAfterOthersWereReadLeavesOnlyThatUserUnread() {
        iam.add("alice", active("ALICECERT", 1));
        iam.add("bob", active("BOBCERT", 1));
        iam.add("carol", active("CAROLCERT", 1));
        iam.failListing("bob", InMemoryIam.denied("iam:ListSigningCertificates"));
        iam.failListing("carol", InMemoryIam.throttled("iam:ListSigningCertificates"));

        AuditResult result = audit(RuleParameters.DEFAULTS).all();

        assertEquals(List.of("bob", "carol"), result.unreadable().stream().map(u -> u.principal().name()).toList());
        assertTrue(result.unreadable().get(0).reason().contains("iam:ListSigningCertificates was denied"));
        assertEquals(Compliance.COMPLIANT, byName(result).get("alice").compliance());
    }

    @Test
    void exemptUsersAreNotListed() {
        IamUser alice = iam.add("alice", Map.of("cert-exempt", "TRUE"), active("ALICECERT", 500));
        iam.report(report(Optional.empty(), 0, row(alice, 500)), false);

        AuditResult result = audit(RuleParameters.parse(Map.of("exemptTagKey", "cert-exempt"))).all();

        assertEquals(0, iam.count("iam:ListSigningCertificates"));
        assertEquals(Compliance.NOT_APPLICABLE, byName(result).get("alice").compliance());
    }

    @Test
    void oneUserCostsTwoCalls() {
        IamUser alice = iam.add("alice", active("ALICECERT", 200));

        AuditResult result = audit(RuleParameters.DEFAULTS).user(alice.userId(), "alice");

        assertEquals(List.of("iam:GetUser alice", "iam:ListSigningCertificates alice"), iam.calls);
        assertEquals(Compliance.NON_COMPLIANT, result.verdicts().get(0).compliance());
        assertEquals(Set.of(alice.userId()), result.seenUserIds());
    }

    @Test
    void aUserGoneOrRecreatedUnderTheSameNameIsNotApplicable() {
        iam.add("alice");

        AuditResult recreated = audit(RuleParameters.DEFAULTS).user("AIDAOLDALICE", "alice");
        iam.remove("alice");
        AuditResult gone = audit(RuleParameters.DEFAULTS).user("AIDAALICE", "alice");

        for (AuditResult result : List.of(recreated, gone)) {
            Verdict verdict = result.verdicts().get(0);
            assertEquals(Compliance.NOT_APPLICABLE, verdict.compliance());
            assertEquals("user no longer exists", verdict.annotation());
        }
        assertEquals("AIDAOLDALICE", recreated.verdicts().get(0).principal().resourceId(), "the old id is retired, not the new user");
    }

    @Test
    void aUserDeletedBetweenGetUserAndListingIsNotApplicable() {
        IamUser alice = iam.add("alice", active("ALICECERT", 1));
        iam.failListing("alice", InMemoryIam.notFound("iam:ListSigningCertificates"));

        AuditResult result = audit(RuleParameters.DEFAULTS).user(alice.userId(), "alice");

        assertEquals(Compliance.NOT_APPLICABLE, result.verdicts().get(0).compliance());
        assertTrue(result.complete());
    }

    @Test
    void thePoolGivesTheSequentialVerdictsUnreadOrderAndCallsWhateverOrderItsListingsFinishIn() {
        twentyUsers();
        AuditResult sequential = audit(withRandomListingDelays(7), 1, Deadline.NONE).all();
        List<String> sequentialCalls = sorted(iam.calls);

        for (long seed = 1; seed <= 3; seed++) {
            AuditResult pooled = audit(withRandomListingDelays(seed), 8, Deadline.NONE).all();

            assertEquals(sequential.verdicts(), pooled.verdicts(), "seed " + seed);
            assertEquals(sequential.unreadable(), pooled.unreadable(), "seed " + seed);
            assertEquals(sequential.warnings(), pooled.warnings(), "seed " + seed);
            assertEquals(sequentialCalls, sorted(iam.calls), "seed " + seed);
        }
        assertEquals(List.of("user-04", "user-11", "user-17"),
                sequential.unreadable().stream().map(u -> u.principal().name()).toList());
        assertEquals(17, sequential.verdicts().size());
    }

    @Test
    void aBugInAListingThreadFailsTheRunAndIsNotPassedOffAsUnread() {
        twentyUsers();
        IllegalStateException bug = new IllegalStateException("a bug, not an AWS failure");
        iam.failListing("user-09", bug);

        for (int threads : new int[] {1, 8}) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> audit(iam, threads, Deadline.NONE).all());
            assertSame(bug, thrown, threads + " thread(s)");
        }
    }

    @Test
    void anErrorInAListingThreadComesOutAsItDoesFromTheSequentialPath() {
        twentyUsers();
        AssertionError error = new AssertionError("an Error, not an exception");
        IamDirectory throwingAnError = listingWith(userName -> {
            if (userName.equals("user-09")) {
                throw error;
            }
            return iam.certificates(userName);
        });

        for (int threads : new int[] {1, 8}) {
            assertSame(error, assertThrows(AssertionError.class, () -> audit(throwingAnError, threads, Deadline.NONE).all()),
                    threads + " thread(s)");
        }
    }

    @Test
    void theListingThreadsAreGoneAfterARunAndAfterAFailedRun() throws InterruptedException {
        twentyUsers();
        audit(withRandomListingDelays(3), 8, Deadline.NONE).all();
        iam.failListing("user-02", new IllegalStateException("a bug"));
        assertThrows(IllegalStateException.class, () -> audit(withRandomListingDelays(4), 8, Deadline.NONE).all());

        // shutdownNow interrupts the threads; give them a moment to end.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (listingThreadsAlive() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, listingThreadsAlive());
    }

    private static long listingThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("certificate-listing") && t.isAlive()).count();
    }

    @Test
    void outOfTimeMidRunNamesEveryUserNotListedAndJudgesTheRestInBothPaths() {
        twentyUsers();
        for (int threads : new int[] {1, 8}) {
            iam.calls.clear();

            AuditResult result = audit(iam, threads, outOfTimeAfter(12)).all();

            assertEquals(12, iam.count("iam:ListSigningCertificates"), threads + " thread(s)");
            Set<String> accounted = new HashSet<>();
            result.verdicts().forEach(v -> accounted.add(v.principal().name()));
            result.unreadable().forEach(u -> assertTrue(accounted.add(u.principal().name()), "judged and unread: " + u));
            assertEquals(iam.users().stream().map(IamUser::userName).collect(Collectors.toSet()), accounted);
            assertEquals(8, result.unreadable().stream().filter(u -> u.reason().equals(AccountAudit.OUT_OF_TIME)).count(),
                    threads + " thread(s)");
        }
    }

    @Test
    void outOfTimeForAChangedUserLeavesItUnread() {
        IamUser alice = iam.add("alice", active("ALICECERT", 1));

        AuditResult result = audit(iam, 8, Deadline.in(Duration.ZERO)).user(alice.userId(), "alice");

        assertEquals(List.of(), result.verdicts());
        assertEquals(AccountAudit.OUT_OF_TIME, result.unreadable().get(0).reason());
        assertEquals(0, iam.count("iam:ListSigningCertificates"));
    }

    /** Users the stop left unlisted were not denied: they do not hide that every listing attempted was. */
    @Test
    void everyAttemptedListingDeniedIsBlamedOnTheRoleEvenWhenTheStopSkippedTheRest() {
        for (String name : List.of("alice", "bob", "carol", "dave")) {
            iam.add(name, active(name + "-cert", 1));
            iam.failListing(name, InMemoryIam.denied("iam:ListSigningCertificates"));
        }

        AuditResult result = audit(iam, 1, outOfTimeAfter(2)).all();

        assertEquals(4, result.unreadable().size());
        assertTrue(result.permissionProblem().isPresent(), result.unreadableSummary());
    }
}
