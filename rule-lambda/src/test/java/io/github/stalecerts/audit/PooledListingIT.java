package io.github.stalecerts.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.aws.AwsClients;
import io.github.stalecerts.config.ConfigEventParser;
import io.github.stalecerts.config.Invocation;
import io.github.stalecerts.handler.IncompleteEvaluationException;
import io.github.stalecerts.handler.RuleRun;
import io.github.stalecerts.iam.AwsIamDirectory;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.RuleParameters;
import io.github.stalecerts.rule.Verdict;
import io.github.stalecerts.testing.Events;
import io.github.stalecerts.testing.FaultProxy;
import io.github.stalecerts.testing.MotoAccount;
import io.github.stalecerts.testing.MotoServer;
import io.github.stalecerts.testing.RecordingSleeper;
import io.github.stalecerts.testing.TestClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesRequest;

/**
 * Listing from the pool against moto (behind a proxy adding latency, so calls overlap): the same
 * verdicts, in the same order, with the same calls as listing one user after another; denials
 * judged per user whatever the listing order.
 */
@ExtendWith(MotoServer.class)
class PooledListingIT {

    private static final Instant NOW = Instant.now();
    private static final Clock LATER = Clock.fixed(NOW.plus(Duration.ofDays(100)), ZoneOffset.UTC);
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private MotoAccount account;

    @BeforeEach
    void seed() {
        account = new MotoAccount(TestClients.iam(MotoServer.endpoint()));
        for (int i = 1; i <= 30; i++) {
            String name = "user-%02d".formatted(i);
            account.user(name);
            if (i % 3 == 0) {
                account.certificate(name, NOW.plus(Duration.ofDays(i % 2 == 0 ? 400 : 20)));
            }
        }
    }

    private record Run(AuditResult result, Map<String, Long> calls) {
    }

    private static Run audit(FaultProxy proxy, int threads, ExecutionInterceptor... extra) {
        AwsClients clients = AwsClients.at(proxy.endpoint(), CREDENTIALS, extra);
        AuditResult result = new AccountAudit(new AwsIamDirectory(clients.iam(), new RecordingSleeper()),
                new Evaluator(RuleParameters.DEFAULTS, LATER), Optional.of(MotoServer.ACCOUNT_ID), threads, Deadline.NONE).all();
        return new Run(result, clients.counter().snapshot());
    }

    /** moto keeps its first credential report, so every run after the first lists every user: the pool's busiest case. */
    @Test
    void poolGivesTheSequentialVerdictsOrderAndCalls() throws Exception {
        try (FaultProxy proxy = new FaultProxy(MotoServer.endpoint(), Duration.ofMillis(15), FaultProxy.Faults.NONE)) {
            audit(proxy, 1); // the first run makes moto's report; later runs get it back and list everyone
            Run sequential = audit(proxy, 1);
            Run pooled = audit(proxy, 8);

            assertEquals(sequential.result().verdicts(), pooled.result().verdicts());
            assertEquals(sequential.calls(), pooled.calls());
            assertEquals(30L, pooled.calls().get("iam:ListSigningCertificates"));
            assertEquals(Set.of(Compliance.COMPLIANT, Compliance.NON_COMPLIANT),
                    Set.copyOf(pooled.result().verdicts().stream().map(Verdict::compliance).toList()));
            assertTrue(pooled.result().complete());
        }
    }

    /** A permissions boundary or SCP denies some users: whether the first listed or a later one, only they are unread. */
    @ParameterizedTest
    @ValueSource(strings = {"user-01", "user-15", "user-30"})
    void aDeniedUserIsUnreadAndNamedWhereverItIsListed(String denied) throws Exception {
        try (FaultProxy proxy = new FaultProxy(MotoServer.endpoint(), Duration.ZERO, FaultProxy.Faults.NONE)) {
            audit(proxy, 1);
            for (int threads : new int[] {1, 8}) {
                Run run = audit(proxy, threads, deny(denied::equals));

                assertEquals(List.of(denied), run.result().unreadable().stream().map(u -> u.principal().name()).toList());
                assertEquals("iam:ListSigningCertificates was denied for this user (AccessDenied)",
                        run.result().unreadable().get(0).reason());
                assertEquals(29, run.result().verdicts().size(), "every other user is judged");
                assertTrue(run.result().permissionProblem().isEmpty(), "other listings succeeded: not a missing permission");
                assertTrue(run.result().unreadableLines().get(0).contains("\"resourceName\":\"" + denied + "\""));
            }
        }
    }

    @Test
    void everyListingDeniedSaysTheRoleProbablyLacksThePermissionAndNamesEveryUser() throws Exception {
        try (FaultProxy proxy = new FaultProxy(MotoServer.endpoint(), Duration.ZERO, FaultProxy.Faults.NONE)) {
            audit(proxy, 1);
            Run run = audit(proxy, 8, deny(name -> true));

            assertEquals(30, run.result().unreadable().size());
            assertEquals(30, run.result().unreadableLines().size());
            String summary = run.result().unreadableSummary();
            assertTrue(summary.contains("the caller's role probably lacks permission for iam:ListSigningCertificates"), summary);
            assertTrue(summary.contains("a permissions boundary or an SCP denies it for these users"), summary);
            assertTrue(summary.contains("every one is named on its own line"), summary);
        }
    }

    @Test
    void someDeniedButNotAllIsNotBlamedOnTheRole() throws Exception {
        try (FaultProxy proxy = new FaultProxy(MotoServer.endpoint(), Duration.ZERO, FaultProxy.Faults.NONE)) {
            audit(proxy, 1);
            Run run = audit(proxy, 8, deny(name -> !name.equals("user-30")));

            assertEquals(29, run.result().unreadable().size());
            assertFalse(run.result().unreadableSummary().contains("probably lacks"));
        }
    }

    /** A run whose time is nearly up stops listing: the users not listed are named, everyone read is reported. */
    @Test
    void aRunOutOfTimeNamesTheUsersItDidNotListAndReportsTheRest() throws Exception {
        try (FaultProxy proxy = new FaultProxy(MotoServer.endpoint(), Duration.ZERO, FaultProxy.Faults.NONE)) {
            AwsClients clients = AwsClients.at(proxy.endpoint(), CREDENTIALS);
            RuleRun ruleRun = TestClients.ruleRun(clients.iam(), clients.config(), clients.counter(), LATER,
                    new RecordingSleeper());
            Invocation invocation = ConfigEventParser.parse(Events.scheduled(NOW, Invocation.TEST_MODE_TOKEN, "{}"));

            // Less time left than the reporting reserve: no listing starts. moto's first report is fresh,
            // so the 20 users without a certificate are judged from it; the 10 holders would need listing.
            IncompleteEvaluationException e = assertThrows(IncompleteEvaluationException.class,
                    () -> ruleRun.run(invocation, warning -> { }, Deadline.in(Duration.ofSeconds(1))));

            assertEquals(10, e.unreadableLines().size());
            assertTrue(e.unreadableLines().stream().allMatch(line -> line.contains("stopped listing to leave time")),
                    e.unreadableLines().toString());
            assertEquals(null, clients.counter().snapshot().get("iam:ListSigningCertificates"));
            long reported = proxy.succeeded("PutEvaluations").stream()
                    .mapToLong(r -> r.body().split("ComplianceResourceId").length - 1).sum();
            assertEquals(20, reported, "the users read from the report are still reported");
        }
    }

    /** moto does not enforce IAM policies: the denial is put into the SDK's path, as AWS would answer it. */
    private static ExecutionInterceptor deny(Predicate<String> userName) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof ListSigningCertificatesRequest r && userName.test(r.userName())) {
                    throw IamException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("AccessDenied").errorMessage("explicit deny in a permissions boundary").build()).build();
                }
            }
        };
    }
}
