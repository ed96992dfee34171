package io.github.stalecerts.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.aws.ActionCatalogue;
import io.github.stalecerts.aws.ApiCallCounter;
import io.github.stalecerts.config.InvalidEventException;
import io.github.stalecerts.testing.Events;
import io.github.stalecerts.testing.CatalogueCheck;
import io.github.stalecerts.testing.MotoAccount;
import io.github.stalecerts.testing.MotoServer;
import io.github.stalecerts.testing.RecordingSleeper;
import io.github.stalecerts.testing.RequestRecorder;
import io.github.stalecerts.testing.ResponseRewriter;
import io.github.stalecerts.testing.TestClients;
import io.github.stalecerts.testing.TestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.config.model.ComplianceType;
import software.amazon.awssdk.services.config.model.Evaluation;
import software.amazon.awssdk.services.config.model.PutEvaluationsRequest;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesResponse;

/**
 * The Lambda handler end to end against moto server: IAM for the inventory, Config for
 * PutEvaluations. moto implements PutEvaluations only with TestMode=true, so these runs use the
 * TESTMODE result token; ConfigRuleHandlerConfigFakeIT covers real reporting and cleanup.
 */
@ExtendWith(MotoServer.class)
class ConfigRuleHandlerIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Clock LATER = Clock.fixed(NOW.plus(Duration.ofDays(10).plusHours(1)), ZoneOffset.UTC);

    private final ApiCallCounter counter = new ApiCallCounter();
    @RegisterExtension
    final CatalogueCheck catalogue = new CatalogueCheck(ActionCatalogue.Function.RULE);
    private final RequestRecorder recorder = new RequestRecorder();
    private final TestContext context = new TestContext();
    private MotoAccount account;

    @BeforeEach
    void seedClient() {
        account = new MotoAccount(TestClients.iam(MotoServer.endpoint()));
    }

    private ConfigRuleHandler handler(ExecutionInterceptor... iamInterceptors) {
        ExecutionInterceptor[] iam = new ExecutionInterceptor[iamInterceptors.length + 3];
        iam[0] = counter;
        iam[1] = recorder;
        iam[2] = catalogue;
        System.arraycopy(iamInterceptors, 0, iam, 3, iamInterceptors.length);
        return new ConfigRuleHandler(TestClients.ruleRun(TestClients.iam(MotoServer.endpoint(), iam),
                TestClients.config(MotoServer.endpoint(), counter, recorder, catalogue), counter, LATER, new RecordingSleeper()));
    }

    private List<Evaluation> evaluations() {
        return recorder.of(PutEvaluationsRequest.class).stream().flatMap(r -> r.evaluations().stream()).toList();
    }

    @Test
    void periodicRunReportsEveryUserInBatchesOfOneHundred() {
        for (int i = 0; i < 250; i++) {
            account.user(String.format("user-%03d", i));
        }
        account.certificate("user-007", NOW.plus(Duration.ofDays(12)));
        Instant notified = NOW.minus(Duration.ofMinutes(3));

        String summary = handler().handleRequest(
                Events.scheduled(notified, "TESTMODE", "{\"expiryWarningDays\":\"30\"}"), context);

        List<PutEvaluationsRequest> puts = recorder.of(PutEvaluationsRequest.class);
        assertEquals(List.of(100, 100, 50), puts.stream().map(r -> r.evaluations().size()).toList());
        assertTrue(puts.stream().allMatch(r -> r.testMode() && r.resultToken().equals("TESTMODE")));
        List<Evaluation> all = evaluations();
        assertTrue(all.stream().allMatch(e -> e.orderingTimestamp().equals(notified)),
                "periodic evaluations are ordered by the notification time");
        assertTrue(all.stream().allMatch(e -> e.complianceResourceType().equals("AWS::IAM::User")));
        assertEquals(250, all.stream().map(Evaluation::complianceResourceId).distinct().count());
        List<Evaluation> failing = all.stream().filter(e -> e.complianceType() == ComplianceType.NON_COMPLIANT).toList();
        assertEquals(1, failing.size());
        assertTrue(failing.get(0).annotation().contains("expires"), failing.get(0).annotation());
        assertTrue(failing.get(0).annotation().length() <= 256);

        assertTrue(summary.startsWith("summary account=" + MotoServer.ACCOUNT_ID + " trigger=Periodic "), summary);
        assertTrue(summary.contains("COMPLIANT=249 NON_COMPLIANT=1 NOT_APPLICABLE=0 unreadable=0"), summary);
        assertTrue(summary.contains("config:PutEvaluations=3"), summary);
        assertTrue(summary.contains("iam:ListSigningCertificates=1"), summary);
        assertTrue(context.lines.contains("INFO " + summary), context.lines.toString());
        assertTrue(context.lines.stream().anyMatch(l -> l.startsWith("WARN ") && l.contains("<root_account>")),
                "moto's report has no root row: a warning, not a failure");
    }

    @Test
    void changeTriggeredRunReadsOneUserAndOrdersByCaptureTime() {
        String id = account.user("alice");
        account.certificate("alice", NOW.plus(Duration.ofDays(400)));
        for (int i = 0; i < 20; i++) {
            account.user("bystander-" + i);
        }
        Instant captured = NOW.minus(Duration.ofMinutes(1));

        handler().handleRequest(Events.userChanged(id, "alice", captured, "OK", "TESTMODE", false), context);

        assertEquals(Map.of("iam:GetUser", 1L, "iam:ListSigningCertificates", 1L, "config:PutEvaluations", 1L),
                counter.snapshot());
        Evaluation only = evaluations().get(0);
        assertEquals(1, evaluations().size());
        assertEquals(id, only.complianceResourceId());
        assertEquals(ComplianceType.COMPLIANT, only.complianceType());
        assertEquals(captured, only.orderingTimestamp());
    }

    @Test
    void deletedUserAndLeftScopeAreNotApplicableWithoutReadingIam() {
        Instant captured = NOW.minus(Duration.ofMinutes(1));
        handler().handleRequest(Events.userChanged("AIDADELETED", "gone", captured, "ResourceDeleted", "TESTMODE", false),
                context);
        handler().handleRequest(Events.userChanged("AIDAOUT", "out", captured, "OK", "TESTMODE", true), context);

        Map<String, Evaluation> byId = evaluations().stream()
                .collect(Collectors.toMap(Evaluation::complianceResourceId, Function.identity()));
        assertEquals(ComplianceType.NOT_APPLICABLE, byId.get("AIDADELETED").complianceType());
        assertEquals(ComplianceType.NOT_APPLICABLE, byId.get("AIDAOUT").complianceType());
        assertEquals("left the rule's scope", byId.get("AIDAOUT").annotation());
        assertFalse(counter.snapshot().keySet().stream().anyMatch(op -> op.startsWith("iam:")));
    }

    @Test
    void userNotRecordedByConfigIsNotApplicableWithoutReadingIam() {
        String id = account.user("alice");
        account.certificate("alice", NOW.plus(Duration.ofDays(400)));
        Instant captured = NOW.minus(Duration.ofMinutes(1));

        String summary = handler().handleRequest(
                Events.userChanged(id, "alice", captured, "ResourceNotRecorded", "TESTMODE", false), context);

        Evaluation only = evaluations().get(0);
        assertEquals(1, evaluations().size());
        assertEquals(id, only.complianceResourceId());
        assertEquals(ComplianceType.NOT_APPLICABLE, only.complianceType());
        assertTrue(only.annotation().contains("not recorded"), only.annotation());
        assertFalse(counter.snapshot().keySet().stream().anyMatch(op -> op.startsWith("iam:")), counter.snapshot().toString());
        assertTrue(summary.contains("NOT_APPLICABLE=1"), summary);
    }

    @Test
    void anEventForAnotherAccountIsRejectedBeforeAnythingIsReadOrReported() {
        account.user("alice");
        TestContext otherAccountsFunction = new TestContext("arn:aws:lambda:us-east-1:210987654321:function:rule:live");

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> handler().handleRequest(
                Events.scheduled(NOW, "TESTMODE", "{}"), otherAccountsFunction));

        assertTrue(e.getMessage().contains(MotoServer.ACCOUNT_ID) && e.getMessage().contains("210987654321"), e.getMessage());
        assertEquals(0, counter.total(), "no IAM read, no PutEvaluations");
        assertTrue(evaluations().isEmpty());
        assertTrue(otherAccountsFunction.lines.stream().anyMatch(l -> l.startsWith("ERROR ") && l.contains("210987654321")),
                otherAccountsFunction.lines.toString());
    }

    @Test
    void anEventWithoutAccountIdIsRejectedBeforeAnyCall() {
        var event = Events.scheduled(NOW, "TESTMODE", "{}");
        event.setAccountId(null);

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> handler().handleRequest(event, context));

        assertTrue(e.getMessage().contains("accountId"), e.getMessage());
        assertEquals(0, counter.total());
    }

    @Test
    void anUnreadableUserFailsTheRunAfterTheOthersAreReported() {
        account.user("mallory");
        account.certificate("mallory", NOW.plus(Duration.ofDays(400)));
        account.user("trent");
        ResponseRewriter<ListSigningCertificatesResponse> corrupt = new ResponseRewriter<>(
                ListSigningCertificatesResponse.class, r -> r.toBuilder().certificates(r.certificates().get(0).toBuilder()
                .certificateBody("not a certificate").build()).build());

        IncompleteEvaluationException e = assertThrows(IncompleteEvaluationException.class, () ->
                handler(corrupt).handleRequest(Events.scheduled(NOW, "TESTMODE", "{}"), context));

        assertTrue(e.getMessage().contains("mallory"), e.getMessage());
        assertFalse(e.getMessage().contains("not a certificate"), "no certificate body in messages");
        assertEquals(1, evaluations().size(), "trent was reported; mallory got no verdict at all");
        assertTrue(context.lines.stream().anyMatch(l -> l.startsWith("ERROR ") && l.contains("mallory")));
    }

    @Test
    void unsupportedMessageTypeIsAnErrorAndCallsNothing() {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> handler().handleRequest(
                Events.event("{\"messageType\":\"ConfigurationSnapshotDeliveryCompleted\"}", "TESTMODE", "{}", false),
                context));
        assertTrue(e.getMessage().contains("ConfigurationSnapshotDeliveryCompleted"), e.getMessage());
        assertEquals(0, counter.total());
    }

    @Test
    void badRuleParameterFailsBeforeAnyCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> handler().handleRequest(
                Events.scheduled(NOW, "TESTMODE", "{\"maxCertificateAgeDays\":\"0\"}"), context));
        assertTrue(e.getMessage().contains("maxCertificateAgeDays"), e.getMessage());
        assertEquals(0, counter.total());
    }
}
