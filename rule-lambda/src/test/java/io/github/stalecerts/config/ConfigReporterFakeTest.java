package io.github.stalecerts.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.stalecerts.aws.AwsCallException;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.Verdict;
import io.github.stalecerts.testing.FakeAws;
import io.github.stalecerts.testing.RecordingSleeper;
import io.github.stalecerts.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The Config side on the wire: PutEvaluations outside TestMode and GetComplianceDetailsByConfigRule,
 * which moto does not implement, against a small local fake of Config's JSON protocol ({@link FakeAws}).
 */
class ConfigReporterFakeTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final String TOKEN = "real-result-token";
    private static final String RULE = "stale-signing-certificates";

    private final RecordingSleeper sleeper = new RecordingSleeper();

    private static Verdict verdict(String userId) {
        return new Verdict(Principal.user(userId, "user-" + userId, null), Compliance.COMPLIANT, "no active signing certificate");
    }

    private static List<JsonObject> evaluations(FakeAws.Request put) {
        JsonArray array = JsonParser.parseString(put.body()).getAsJsonObject().getAsJsonArray("Evaluations");
        return StreamSupport.stream(array.spliterator(), false).map(e -> e.getAsJsonObject()).toList();
    }

    private static String failed(String userId) {
        return "{\"FailedEvaluations\":[{\"ComplianceResourceType\":\"AWS::IAM::User\",\"ComplianceResourceId\":\""
                + userId + "\",\"ComplianceType\":\"COMPLIANT\",\"OrderingTimestamp\":1.7E9}]}";
    }

    @Test
    void reportsInBatchesOfOneHundredWithTheTokenAndTimestamp() throws Exception {
        List<Verdict> verdicts = IntStream.range(0, 250).mapToObj(i -> verdict("AIDA" + i)).toList();
        try (FakeAws config = new FakeAws(request -> FakeAws.Response.json("{\"FailedEvaluations\":[]}"))) {
            new ConfigReporter(TestClients.config(config.endpoint()), sleeper).report(verdicts, NOW, TOKEN);

            List<FakeAws.Request> puts = config.requests("PutEvaluations");
            assertEquals(List.of(100, 100, 50), puts.stream().map(p -> evaluations(p).size()).toList());
            JsonObject first = JsonParser.parseString(puts.get(0).body()).getAsJsonObject();
            assertEquals(TOKEN, first.get("ResultToken").getAsString());
            assertFalse(first.has("TestMode") && first.get("TestMode").getAsBoolean());
            JsonObject evaluation = evaluations(puts.get(0)).get(0);
            assertEquals("AWS::IAM::User", evaluation.get("ComplianceResourceType").getAsString());
            assertEquals("AIDA0", evaluation.get("ComplianceResourceId").getAsString());
            assertEquals("COMPLIANT", evaluation.get("ComplianceType").getAsString());
            assertEquals(NOW.getEpochSecond(), evaluation.get("OrderingTimestamp").getAsDouble(), 0.001);
        }
    }

    @Test
    void theTestModeTokenReportsInTestMode() throws Exception {
        try (FakeAws config = new FakeAws(request -> FakeAws.Response.json("{\"FailedEvaluations\":[]}"))) {
            new ConfigReporter(TestClients.config(config.endpoint()), sleeper)
                    .report(List.of(verdict("AIDA1")), NOW, Invocation.TEST_MODE_TOKEN);

            assertTrue(JsonParser.parseString(config.requests("PutEvaluations").get(0).body()).getAsJsonObject()
                    .get("TestMode").getAsBoolean());
        }
    }

    @Test
    void failedEvaluationsAreSentAgainAlone() throws Exception {
        AtomicInteger puts = new AtomicInteger();
        try (FakeAws config = new FakeAws(request -> puts.incrementAndGet() == 1
                ? FakeAws.Response.json(failed("AIDA1"))
                : FakeAws.Response.json("{\"FailedEvaluations\":[]}"))) {
            new ConfigReporter(TestClients.config(config.endpoint()), sleeper)
                    .report(List.of(verdict("AIDA1"), verdict("AIDA2")), NOW, TOKEN);

            List<FakeAws.Request> sent = config.requests("PutEvaluations");
            assertEquals(2, sent.size());
            assertEquals(List.of("AIDA1"), evaluations(sent.get(1)).stream()
                    .map(e -> e.get("ComplianceResourceId").getAsString()).toList(), "only the failed one is sent again");
            assertEquals(List.of(Duration.ofSeconds(1)), sleeper.waits);
        }
    }

    @Test
    void evaluationsConfigKeepsRejectingFailNamingThem() throws Exception {
        try (FakeAws config = new FakeAws(request -> FakeAws.Response.json(failed("AIDA1")))) {
            ReportingException e = assertThrows(ReportingException.class, () -> new ConfigReporter(
                    TestClients.config(config.endpoint()), sleeper).report(List.of(verdict("AIDA1")), NOW, TOKEN));

            assertTrue(e.getMessage().contains("AIDA1") && e.getMessage().contains("3 attempts"), e.getMessage());
            assertEquals(3, config.requests("PutEvaluations").size());
        }
    }

    private static String result(String type, String id, String orderingTimestamp) {
        return "{\"EvaluationResultIdentifier\":{\"EvaluationResultQualifier\":{\"ConfigRuleName\":\"" + RULE
                + "\",\"ResourceType\":\"" + type + "\",\"ResourceId\":\"" + id + "\"},\"OrderingTimestamp\":"
                + orderingTimestamp + "},"
                + "\"ComplianceType\":\"NON_COMPLIANT\",\"ResultRecordedTime\":1.7E9,\"ConfigRuleInvokedTime\":1.7E9}";
    }

    @Test
    void earlierResultsArePagedAndOnlyThoseOfTheTypeOrderedBeforeTheRunCount() throws Exception {
        List<String> pageTokens = new ArrayList<>();
        try (FakeAws config = new FakeAws(request -> {
            JsonObject body = JsonParser.parseString(request.body()).getAsJsonObject();
            pageTokens.add(body.has("NextToken") ? body.get("NextToken").getAsString() : "");
            return body.has("NextToken")
                    ? FakeAws.Response.json("{\"EvaluationResults\":[" + result("AWS::IAM::User", "AIDAGONE2", "1.7E9") + ","
                            + result("AWS::IAM::User", "AIDANEWER", String.valueOf(NOW.getEpochSecond() + 60)) + ","
                            + result("AWS::::Account", "123456789012", "1.7E9") + "]}")
                    : FakeAws.Response.json("{\"EvaluationResults\":[" + result("AWS::IAM::User", "AIDAGONE1", "1.7E9")
                            + "],\"NextToken\":\"page-2\"}");
        })) {
            Set<String> ids = new EarlierResults(TestClients.config(config.endpoint()))
                    .judgedResourceIds(RULE, "AWS::IAM::User", NOW);

            assertEquals(Set.of("AIDAGONE1", "AIDAGONE2"), ids);
            assertEquals(List.of("", "page-2"), pageTokens, "every page is read");
            JsonObject first = JsonParser.parseString(config.requests.get(0).body()).getAsJsonObject();
            assertEquals(RULE, first.get("ConfigRuleName").getAsString());
            assertEquals(List.of("COMPLIANT", "NON_COMPLIANT"), StreamSupport.stream(
                    first.getAsJsonArray("ComplianceTypes").spliterator(), false).map(e -> e.getAsString()).toList());
        }
    }

    @Test
    void aDeniedLookupNamesThePermission() throws Exception {
        try (FakeAws config = new FakeAws(request -> FakeAws.Response.jsonError(400, "AccessDeniedException", "not authorized"))) {
            AwsCallException e = assertThrows(AwsCallException.class, () -> new EarlierResults(
                    TestClients.config(config.endpoint())).judgedResourceIds(RULE, "AWS::IAM::User", NOW));

            assertTrue(e.isAccessDenied());
            assertTrue(e.getMessage().contains("config:GetComplianceDetailsByConfigRule was denied"), e.getMessage());
        }
    }
}
