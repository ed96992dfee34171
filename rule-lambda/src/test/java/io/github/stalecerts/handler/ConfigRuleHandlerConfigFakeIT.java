package io.github.stalecerts.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.stalecerts.aws.ActionCatalogue;
import io.github.stalecerts.aws.ApiCallCounter;
import io.github.stalecerts.config.ReportingException;
import io.github.stalecerts.testing.CatalogueCheck;
import io.github.stalecerts.testing.Events;
import io.github.stalecerts.testing.FakeAws;
import io.github.stalecerts.testing.MotoAccount;
import io.github.stalecerts.testing.MotoServer;
import io.github.stalecerts.testing.RecordingSleeper;
import io.github.stalecerts.testing.TestClients;
import io.github.stalecerts.testing.TestContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole handler reporting outside TestMode (ConfigReporterFakeTest covers the reporter alone). moto implements neither PutEvaluations without TestMode nor
 * GetComplianceDetailsByConfigRule, so Config is a small local fake here ({@link FakeAws}), named as
 * such; IAM is still moto.
 */
@ExtendWith(MotoServer.class)
class ConfigRuleHandlerConfigFakeIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String TOKEN = "real-result-token";

    private MotoAccount account;
    @RegisterExtension
    final CatalogueCheck catalogue = new CatalogueCheck(ActionCatalogue.Function.RULE);

    @BeforeEach
    void seedClient() {
        account = new MotoAccount(TestClients.iam(MotoServer.endpoint()));
    }

    private ConfigRuleHandler handler(FakeAws config) {
        ApiCallCounter counter = new ApiCallCounter();
        return new ConfigRuleHandler(TestClients.ruleRun(TestClients.iam(MotoServer.endpoint(), counter, catalogue),
                TestClients.config(config.endpoint(), counter, catalogue), counter, Clock.systemUTC(), new RecordingSleeper()));
    }

    private static String result(String type, String id) {
        return result(type, id, "1.7E9");
    }

    private static String result(String type, String id, String orderingTimestamp) {
        return "{\"EvaluationResultIdentifier\":{\"EvaluationResultQualifier\":{\"ConfigRuleName\":\"" + Events.RULE_NAME
                + "\",\"ResourceType\":\"" + type + "\",\"ResourceId\":\"" + id + "\"},\"OrderingTimestamp\":"
                + orderingTimestamp + "},"
                + "\"ComplianceType\":\"NON_COMPLIANT\",\"ResultRecordedTime\":1.7E9,\"ConfigRuleInvokedTime\":1.7E9}";
    }

    private static List<JsonObject> evaluations(FakeAws.Request put) {
        JsonArray array = JsonParser.parseString(put.body()).getAsJsonObject().getAsJsonArray("Evaluations");
        return StreamSupport.stream(array.spliterator(), false).map(e -> e.getAsJsonObject()).toList();
    }

    @Test
    void periodicRunRetiresUsersThatNoLongerExist() throws Exception {
        String alice = account.user("alice");
        account.user("bob");
        List<String> pageTokens = new ArrayList<>();
        try (FakeAws config = new FakeAws(request -> switch (request.operation()) {
            case "GetComplianceDetailsByConfigRule" -> {
                JsonObject body = JsonParser.parseString(request.body()).getAsJsonObject();
                pageTokens.add(body.has("NextToken") ? body.get("NextToken").getAsString() : "");
                yield body.has("NextToken")
                        ? FakeAws.Response.json("{\"EvaluationResults\":[" + result("AWS::IAM::User", "AIDAGONE2") + ","
                                // judged by a change notification after this run read the users: not retired
                                + result("AWS::IAM::User", "AIDANEWER", String.valueOf(NOW.getEpochSecond() + 60)) + ","
                                + result("AWS::::Account", MotoServer.ACCOUNT_ID) + "]}")
                        : FakeAws.Response.json("{\"EvaluationResults\":[" + result("AWS::IAM::User", alice) + ","
                                + result("AWS::IAM::User", "AIDAGONE1") + "],\"NextToken\":\"page-2\"}");
            }
            case "PutEvaluations" -> FakeAws.Response.json("{\"FailedEvaluations\":[]}");
            default -> FakeAws.Response.jsonError(400, "UnknownOperationException", request.operation());
        })) {
            String summary = handler(config).handleRequest(Events.scheduled(NOW, TOKEN, "{}"), new TestContext());

            assertEquals(List.of("", "page-2"), pageTokens, "every page of earlier results is read");
            List<FakeAws.Request> puts = config.requests("PutEvaluations");
            assertEquals(2, puts.size(), "this run's verdicts, then the retired users");
            for (FakeAws.Request put : puts) {
                JsonObject body = JsonParser.parseString(put.body()).getAsJsonObject();
                assertEquals(TOKEN, body.get("ResultToken").getAsString());
                assertFalse(body.has("TestMode") && body.get("TestMode").getAsBoolean());
            }
            assertEquals(2, evaluations(puts.get(0)).size());
            Map<String, JsonObject> retired = evaluations(puts.get(1)).stream()
                    .collect(Collectors.toMap(e -> e.get("ComplianceResourceId").getAsString(), Function.identity()));
            assertEquals(List.of("AIDAGONE1", "AIDAGONE2"), retired.keySet().stream().sorted().toList());
            assertTrue(retired.values().stream().allMatch(e -> e.get("ComplianceType").getAsString().equals("NOT_APPLICABLE")
                    && e.get("ComplianceResourceType").getAsString().equals("AWS::IAM::User")
                    && e.get("Annotation").getAsString().equals("user no longer exists")));
            assertTrue(summary.contains("retired=2"), summary);
        }
    }

    @Test
    void failedEvaluationsAreRetried() throws Exception {
        String alice = account.user("alice");
        account.user("bob");
        AtomicInteger puts = new AtomicInteger();
        try (FakeAws config = new FakeAws(request -> switch (request.operation()) {
            case "GetComplianceDetailsByConfigRule" -> FakeAws.Response.json("{\"EvaluationResults\":[]}");
            case "PutEvaluations" -> puts.incrementAndGet() == 1
                    ? FakeAws.Response.json("{\"FailedEvaluations\":[{\"ComplianceResourceType\":\"AWS::IAM::User\","
                            + "\"ComplianceResourceId\":\"" + alice + "\",\"ComplianceType\":\"COMPLIANT\",\"OrderingTimestamp\":1.7E9}]}")
                    : FakeAws.Response.json("{\"FailedEvaluations\":[]}");
            default -> FakeAws.Response.jsonError(400, "UnknownOperationException", request.operation());
        })) {
            handler(config).handleRequest(Events.scheduled(NOW, TOKEN, "{}"), new TestContext());

            List<FakeAws.Request> sent = config.requests("PutEvaluations");
            assertEquals(2, sent.size());
            assertEquals(List.of(alice), evaluations(sent.get(1)).stream()
                    .map(e -> e.get("ComplianceResourceId").getAsString()).toList(), "only the failed one is sent again");
        }
    }

    @Test
    void evaluationsConfigKeepsRejectingFailTheRun() throws Exception {
        String alice = account.user("alice");
        try (FakeAws config = new FakeAws(request -> FakeAws.Response.json(
                "{\"FailedEvaluations\":[{\"ComplianceResourceType\":\"AWS::IAM::User\",\"ComplianceResourceId\":\""
                        + alice + "\",\"ComplianceType\":\"COMPLIANT\",\"OrderingTimestamp\":1.7E9}]}"))) {
            ReportingException e = assertThrows(ReportingException.class,
                    () -> handler(config).handleRequest(Events.scheduled(NOW, TOKEN, "{}"), new TestContext()));

            assertTrue(e.getMessage().contains(alice) && e.getMessage().contains("3 attempts"), e.getMessage());
            assertEquals(3, config.requests("PutEvaluations").size());
        }
    }

    @Test
    void configDenyingTheCleanupLookupNamesThePermission() throws Exception {
        account.user("alice");
        try (FakeAws config = new FakeAws(request -> request.operation().equals("PutEvaluations")
                ? FakeAws.Response.json("{\"FailedEvaluations\":[]}")
                : FakeAws.Response.jsonError(400, "AccessDeniedException", "not authorized"))) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> handler(config).handleRequest(Events.scheduled(NOW, TOKEN, "{}"), new TestContext()));

            assertTrue(e.getMessage().contains("config:GetComplianceDetailsByConfigRule was denied"), e.getMessage());
            assertEquals(1, config.requests("PutEvaluations").size(), "this run's verdicts were reported first");
        }
    }
}
