package io.github.stalecerts.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.audit.AccountAudit;
import io.github.stalecerts.aws.ApiCallCounter;
import io.github.stalecerts.config.Invocation;
import io.github.stalecerts.iam.CredentialReport;
import io.github.stalecerts.iam.IamUser;
import io.github.stalecerts.rule.SigningCertificate;
import io.github.stalecerts.testing.Events;
import io.github.stalecerts.testing.InMemoryIam;
import io.github.stalecerts.testing.InMemoryRuleResults;
import io.github.stalecerts.testing.TestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The handler hands Lambda's remaining time to the rule run, in the right unit, so a run nearly out of time stops listing. */
class ConfigRuleHandlerTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private final InMemoryIam iam = new InMemoryIam();
    private final InMemoryRuleResults config = new InMemoryRuleResults();
    private final ConfigRuleHandler handler = new ConfigRuleHandler(
            new RuleRun(iam, config, new ApiCallCounter(), Clock.fixed(NOW, ZoneOffset.UTC),
                    AccountAudit.DEFAULT_LISTING_THREADS));

    /** alice holds a certificate and must be listed; bob's report row says he holds none. */
    private void aliceWithACertificate() {
        iam.add("alice", new SigningCertificate("ALICECERT", true, NOW.minus(Duration.ofDays(1)),
                Optional.of(NOW.plus(Duration.ofDays(400)))));
        IamUser bob = iam.add("bob");
        CredentialReport.Slot none = new CredentialReport.Slot("cert_1", false, Optional.empty());
        // A fresh report that says bob holds no active certificate: bob is judged without listing.
        iam.report(new CredentialReport(Map.of(bob.arn(), new CredentialReport.Row("bob", bob.arn(), none,
                new CredentialReport.Slot("cert_2", false, Optional.empty()), Optional.empty())), Optional.empty(), 0, Optional.empty()), false);
    }

    /** Less time left than the rule run keeps for reporting (20 s, or none at all): no listing starts, the rest is reported. */
    @ParameterizedTest
    @ValueSource(ints = {20_000, 0})
    void withLessTimeLeftThanTheReportingReserveNoListingStarts(int remainingMillis) {
        aliceWithACertificate();
        TestContext context = TestContext.withRemainingMillis(remainingMillis);

        IncompleteEvaluationException e = assertThrows(IncompleteEvaluationException.class,
                () -> handler.handleRequest(Events.scheduled(NOW, Invocation.TEST_MODE_TOKEN, "{}"), context));

        assertEquals(0, iam.count("iam:ListSigningCertificates"));
        assertEquals(1, e.unreadableLines().size());
        assertTrue(e.unreadableLines().get(0).contains("\"resourceName\":\"alice\"")
                && e.unreadableLines().get(0).contains("stopped listing"), e.unreadableLines().toString());
        assertTrue(context.lines.contains("ERROR " + e.unreadableLines().get(0)), context.lines.toString());
        assertEquals(List.of("bob"), config.reports.get(0).verdicts().stream().map(v -> v.principal().name()).toList(),
                "bob, judged from the report, is still reported");
    }

    @ParameterizedTest
    @ValueSource(ints = {31_000, 300_000})
    void withMoreTimeLeftThanTheReserveEveryoneIsListed(int remainingMillis) {
        aliceWithACertificate();

        String summary = handler.handleRequest(Events.scheduled(NOW, Invocation.TEST_MODE_TOKEN, "{}"),
                TestContext.withRemainingMillis(remainingMillis));

        assertEquals(1, iam.count("iam:ListSigningCertificates"));
        assertEquals(2, config.reports.get(0).verdicts().size());
        assertTrue(summary.contains("unreadable=0"), summary);
    }
}
