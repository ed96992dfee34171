package io.github.stalecerts.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.audit.AccountAudit;
import io.github.stalecerts.audit.Deadline;
import io.github.stalecerts.aws.ApiCallCounter;
import io.github.stalecerts.config.Invocation;
import io.github.stalecerts.config.ReportingException;
import io.github.stalecerts.config.Trigger;
import io.github.stalecerts.iam.IamUser;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.PrincipalKind;
import io.github.stalecerts.rule.RuleParameters;
import io.github.stalecerts.rule.SigningCertificate;
import io.github.stalecerts.rule.Verdict;
import io.github.stalecerts.testing.InMemoryIam;
import io.github.stalecerts.testing.InMemoryRuleResults;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One invocation end to end over in-memory IAM and Config: what is reported, retired, and when the run fails. */
class RuleRunTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final String RULE = "stale-signing-certificates";
    private static final String TOKEN = "real-result-token";

    private final InMemoryIam iam = new InMemoryIam();
    private final InMemoryRuleResults config = new InMemoryRuleResults();
    private final List<String> warnings = new ArrayList<>();

    private RunSummary run(Trigger trigger, String token, String ruleName) {
        return new RuleRun(iam, config, new ApiCallCounter(), Clock.fixed(NOW, ZoneOffset.UTC),
                AccountAudit.DEFAULT_LISTING_THREADS)
                .run(new Invocation(trigger, RuleParameters.DEFAULTS, token, ruleName, InMemoryIam.ACCOUNT_ID), warnings::add,
                        Deadline.NONE);
    }

    private static SigningCertificate certificate(String id, int daysOld) {
        return new SigningCertificate(id, true, NOW.minus(Duration.ofDays(daysOld)), Optional.of(NOW.plus(Duration.ofDays(400))));
    }

    private static List<String> ids(InMemoryRuleResults.Report report) {
        return report.verdicts().stream().map(v -> v.principal().resourceId()).sorted().toList();
    }

    @Test
    void aPeriodicRunReportsEveryUserThenRetiresUsersThatNoLongerExist() {
        IamUser alice = iam.add("alice");
        IamUser bob = iam.add("bob", certificate("BOBCERT", 200));
        config.judgedBefore("AWS::IAM::User", alice.userId(), NOW.minusSeconds(86_400));
        config.judgedBefore("AWS::IAM::User", "AIDAGONE1", NOW.minusSeconds(86_400));
        // judged by a change notification after this run read the users: not this run's to retire
        config.judgedBefore("AWS::IAM::User", "AIDANEWER", NOW.plusSeconds(60));
        config.judgedBefore("AWS::::Account", InMemoryIam.ACCOUNT_ID, NOW.minusSeconds(86_400));

        RunSummary summary = run(new Trigger.Periodic(NOW), TOKEN, RULE);

        assertEquals(2, config.reports.size(), "this run's verdicts, then the retired users");
        assertEquals(List.of(alice.userId(), bob.userId()), ids(config.reports.get(0)));
        InMemoryRuleResults.Report retired = config.reports.get(1);
        assertEquals(List.of("AIDAGONE1"), ids(retired));
        Verdict gone = retired.verdicts().get(0);
        assertEquals(Compliance.NOT_APPLICABLE, gone.compliance());
        assertEquals("user no longer exists", gone.annotation());
        assertEquals(PrincipalKind.USER, gone.principal().kind());
        assertTrue(config.reports.stream().allMatch(r -> r.orderingTimestamp().equals(NOW) && r.resultToken().equals(TOKEN)));
        assertEquals(List.of(RULE), config.earlierLookups);
        assertEquals(1, summary.retired());
        assertEquals(1, summary.verdicts().get(Compliance.NON_COMPLIANT));
        assertEquals(1, summary.verdicts().get(Compliance.COMPLIANT));
        assertTrue(summary.line().contains("retired=1"), summary.line());
    }

    @Test
    void testModeRetiresNothing() {
        iam.add("alice");
        config.judgedBefore("AWS::IAM::User", "AIDAGONE1", NOW.minusSeconds(86_400));

        RunSummary summary = run(new Trigger.Periodic(NOW), Invocation.TEST_MODE_TOKEN, RULE);

        assertEquals(1, config.reports.size());
        assertEquals(List.of(), config.earlierLookups);
        assertEquals(0, summary.retired());
    }

    @Test
    void aPeriodicRunWithoutTheRuleNameFailsNamingIt() {
        iam.add("alice");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new Trigger.Periodic(NOW), TOKEN, " "));

        assertTrue(e.getMessage().contains("configRuleName is missing"), e.getMessage());
        assertEquals(1, config.reports.size(), "the verdicts were reported first");
    }

    @Test
    void aChangedUserIsTheOnlyOneJudged() {
        iam.add("alice", certificate("ALICECERT", 200));
        IamUser bob = iam.add("bob");
        Instant captured = NOW.minusSeconds(30);

        RunSummary summary = run(new Trigger.UserChanged(bob.userId(), "bob", captured), TOKEN, RULE);

        assertEquals(1, config.reports.size());
        assertEquals(List.of(bob.userId()), ids(config.reports.get(0)));
        assertEquals(captured, config.reports.get(0).orderingTimestamp());
        assertEquals(List.of(), config.earlierLookups, "a change notification retires nothing");
        assertEquals("UserChanged", summary.trigger());
    }

    @Test
    void aDeletedResourceIsReportedNotApplicableWithoutReadingIam() {
        run(new Trigger.NotApplicable("AWS::::Account", InMemoryIam.ACCOUNT_ID, null, "resource left the rule's scope", NOW),
                TOKEN, RULE);

        Verdict verdict = config.reports.get(0).verdicts().get(0);
        assertEquals(PrincipalKind.ROOT_ACCOUNT, verdict.principal().kind());
        assertEquals(InMemoryIam.ACCOUNT_ID, verdict.principal().name(), "no name in the event: the id stands in");
        assertEquals(Compliance.NOT_APPLICABLE, verdict.compliance());
        assertEquals("resource left the rule's scope", verdict.annotation());
        assertEquals(List.of(), iam.calls);
    }

    @Test
    void anUnreadUserFailsTheRunAfterEveryoneElseWasReported() {
        iam.add("alice", certificate("ALICECERT", 1));
        iam.add("bob", certificate("BOBCERT", 1));
        iam.failListing("bob", InMemoryIam.throttled("iam:ListSigningCertificates"));

        IncompleteEvaluationException e = assertThrows(IncompleteEvaluationException.class,
                () -> run(new Trigger.Periodic(NOW), Invocation.TEST_MODE_TOKEN, RULE));

        assertTrue(e.getMessage().startsWith("1 principal(s) could not be read and got no verdict: bob ("), e.getMessage());
        assertTrue(e.getMessage().contains("unreadable=1"), e.getMessage());
        assertEquals(List.of("AIDAALICE"), ids(config.reports.get(0)), "alice's verdict was reported before the failure");
    }

    /** The unread are named even when reporting fails too: the log is the only record of them. */
    @Test
    void whenReportingFailsTooTheUnreadAreStillNamed() {
        iam.add("alice", certificate("ALICECERT", 1));
        iam.add("bob", certificate("BOBCERT", 1));
        iam.failListing("bob", InMemoryIam.throttled("iam:ListSigningCertificates"));
        ReportingException putEvaluationsFailed = new ReportingException("config:PutEvaluations failed with HTTP 503");
        config.failReporting(putEvaluationsFailed);

        IncompleteEvaluationException e = assertThrows(IncompleteEvaluationException.class,
                () -> run(new Trigger.Periodic(NOW), TOKEN, RULE));

        assertEquals(1, e.unreadableLines().size());
        assertTrue(e.unreadableLines().get(0).contains("\"resourceName\":\"bob\""), e.unreadableLines().toString());
        assertTrue(e.getMessage().contains("then reporting failed: config:PutEvaluations failed with HTTP 503"), e.getMessage());
        assertEquals(putEvaluationsFailed, e.getCause());
    }

    @Test
    void aReportingFailureOfACompleteRunIsThrownAsItIs() {
        iam.add("alice");
        ReportingException putEvaluationsFailed = new ReportingException("config:PutEvaluations failed with HTTP 503");
        config.failReporting(putEvaluationsFailed);

        assertEquals(putEvaluationsFailed, assertThrows(ReportingException.class,
                () -> run(new Trigger.Periodic(NOW), TOKEN, RULE)));
    }

    @Test
    void warningsReachTheCaller() {
        iam.add("alice");

        run(new Trigger.Periodic(NOW), Invocation.TEST_MODE_TOKEN, RULE);

        assertEquals(List.of("the credential report has no <root_account> row: the root account got no verdict"), warnings);
    }
}
