package io.github.stalecerts.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.aws.ActionCatalogue;
import io.github.stalecerts.aws.ApiCallCounter;
import io.github.stalecerts.config.InvalidEventException;
import io.github.stalecerts.handler.RemediationHandler;
import io.github.stalecerts.testing.PlaceholderFunction;
import io.github.stalecerts.testing.CatalogueCheck;
import io.github.stalecerts.testing.FakeAws;
import io.github.stalecerts.testing.MotoAccount;
import io.github.stalecerts.testing.MotoServer;
import io.github.stalecerts.testing.TestClients;
import io.github.stalecerts.testing.TestContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.MessageType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.SigningCertificate;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * The remediation handler against moto server: the deployed rule's parameters come from a custom
 * Config rule seeded in moto, certificates are real X.509, and the end state is read back from IAM.
 * moto has no AWS::IAM::User in ListDiscoveredResources (it answers empty), so the IAM fallback runs
 * here; {@link #configMapsTheIdInOneCall()} covers the Config path with a local fake.
 */
@ExtendWith(MotoServer.class)
class RemediationIT {

    private static final Instant NOW = Instant.now();
    private static final Clock LATER = Clock.fixed(NOW.plus(Duration.ofDays(10).plusHours(1)), ZoneOffset.UTC);
    private static final String RULE = "stale-signing-certificates";

    private final ApiCallCounter counter = new ApiCallCounter();
    @RegisterExtension
    final CatalogueCheck catalogue = new CatalogueCheck(ActionCatalogue.Function.REMEDIATION);
    private IamClient iam;
    private MotoAccount account;

    @BeforeEach
    void seedRule() {
        iam = TestClients.iam(MotoServer.endpoint());
        account = new MotoAccount(iam);
        seedCustomRule(MotoServer.endpoint(), iam, "{\"maxCertificateAgeDays\":\"30\",\"expiryWarningDays\":\"7\"}");
    }

    private RemediationHandler handler() {
        return new RemediationHandler(TestClients.iam(MotoServer.endpoint(), counter, catalogue),
                TestClients.config(MotoServer.endpoint(), counter, catalogue), RULE, LATER);
    }

    private Map<String, String> statuses(String userName) {
        return iam.listSigningCertificates(r -> r.userName(userName)).certificates().stream()
                .collect(Collectors.toMap(SigningCertificate::certificateId, SigningCertificate::statusAsString));
    }

    @Test
    void deactivatesOnlyTheStaleCertificate() {
        String id = account.user("alice");
        String fresh = account.certificate("alice", NOW.plus(Duration.ofDays(400)));
        String expiring = account.certificate("alice", NOW.plus(Duration.ofDays(12)));

        Map<String, Object> result = handler().handleRequest(Map.of("resourceId", id), new TestContext());

        assertEquals("DEACTIVATED", result.get("outcome"));
        assertEquals(List.of(expiring), result.get("deactivated"));
        assertEquals(List.of(fresh), result.get("kept"));
        assertEquals(Map.of(fresh, "Active", expiring, "Inactive"), statuses("alice"),
                "expiring within the deployed rule's 7-day warning: deactivated; the fresh one stays Active");
        assertEquals(1L, counter.snapshot().get("config:DescribeConfigRules"), "the rule's own parameters are read");
        assertEquals(1L, counter.snapshot().get("iam:UpdateSigningCertificate"));
    }

    @Test
    void dryRunChangesNothing() {
        String id = account.user("alice");
        String expired = account.certificate("alice", NOW.plus(Duration.ofDays(2)));

        Map<String, Object> result = handler().handleRequest(Map.of("resourceId", id, "dryRun", "true"), new TestContext());

        assertEquals("DEACTIVATED", result.get("outcome"));
        assertEquals(true, result.get("dryRun"));
        assertEquals(List.of(expired), result.get("deactivated"));
        assertEquals(Map.of(expired, "Active"), statuses("alice"));
        assertFalse(counter.snapshot().containsKey("iam:UpdateSigningCertificate"));
    }

    @Test
    void nothingStaleUnknownIdAndRootAreClearResultsWithoutChange() {
        String id = account.user("bob");
        String fresh = account.certificate("bob", NOW.plus(Duration.ofDays(400)));

        assertEquals("NOTHING_STALE", handler().handleRequest(Map.of("resourceId", id), new TestContext()).get("outcome"));
        Map<String, Object> unknown = handler().handleRequest(Map.of("resourceId", "AIDANOSUCHUSER00001"), new TestContext());
        assertEquals("USER_NOT_FOUND", unknown.get("outcome"));
        assertTrue(((String) unknown.get("message")).contains("AIDANOSUCHUSER00001"));
        assertEquals("ROOT_NOT_REMEDIABLE",
                handler().handleRequest(Map.of("resourceId", MotoServer.ACCOUNT_ID), new TestContext()).get("outcome"));
        assertEquals(Map.of(fresh, "Active"), statuses("bob"));
        assertFalse(counter.snapshot().containsKey("iam:UpdateSigningCertificate"));
    }

    @Test
    void badInputIsAClearError() {
        RemediationHandler handler = handler();
        assertTrue(assertThrows(InvalidEventException.class, () -> handler.handleRequest(Map.of(), new TestContext()))
                .getMessage().contains("resourceId is missing"));
        assertTrue(assertThrows(InvalidEventException.class, () -> handler.handleRequest(
                Map.of("resourceId", "../../etc\n"), new TestContext())).getMessage().contains("is not an IAM UserId"));
        assertTrue(assertThrows(InvalidEventException.class, () -> handler.handleRequest(
                Map.of("resourceId", "AIDAEXAMPLE000001", "dryRun", "maybe"), new TestContext()))
                .getMessage().contains("dryRun must be true or false"));
        assertEquals(0, counter.total());
    }

    @Test
    void configMapsTheIdInOneCall() throws Exception {
        String id = account.user("carol");
        account.certificate("carol", NOW.plus(Duration.ofDays(1)));
        try (FakeAws config = new FakeAws(request -> switch (request.operation()) {
            case "ListDiscoveredResources" -> FakeAws.Response.json("{\"resourceIdentifiers\":[{\"resourceType\":"
                    + "\"AWS::IAM::User\",\"resourceId\":\"" + id + "\",\"resourceName\":\"carol\"}]}");
            case "DescribeConfigRules" -> FakeAws.Response.json("{\"ConfigRules\":[{\"ConfigRuleName\":\"" + RULE
                    + "\",\"InputParameters\":\"{}\",\"Source\":{\"Owner\":\"CUSTOM_LAMBDA\",\"SourceIdentifier\":\"x\"}}]}");
            default -> FakeAws.Response.jsonError(400, "UnknownOperationException", request.operation());
        })) {
            Map<String, Object> result = new RemediationHandler(TestClients.iam(MotoServer.endpoint(), counter, catalogue),
                    TestClients.config(config.endpoint(), counter, catalogue), RULE, LATER)
                    .handleRequest(Map.of("resourceId", id), new TestContext());

            assertEquals("DEACTIVATED", result.get("outcome"));
            assertTrue(config.requests("ListDiscoveredResources").get(0).body().contains(id));
            assertFalse(counter.snapshot().containsKey("iam:GetAccountAuthorizationDetails"), "no IAM paging needed");
            assertEquals(1L, counter.snapshot().get("iam:GetUser"));
        }
    }

    /** moto accepts a custom rule only when its Lambda function exists, so one is made (never invoked). */
    static void seedCustomRule(URI endpoint, IamClient iam, String inputParameters) {
        String role = iam.createRole(r -> r.roleName("rule-role").assumeRolePolicyDocument("{}")).role().arn();
        try (LambdaClient lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String function = lambda.createFunction(r -> r.functionName("rule").runtime(Runtime.JAVA21).role(role)
                    .handler("io.github.stalecerts.handler.ConfigRuleHandler::handleRequest")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(PlaceholderFunction.zip())))).functionArn();
            try (ConfigClient config = TestClients.config(endpoint)) {
                config.putConfigRule(r -> r.configRule(rule -> rule.configRuleName(RULE).inputParameters(inputParameters)
                        .source(s -> s.owner("CUSTOM_LAMBDA").sourceIdentifier(function)
                                .sourceDetails(d -> d.eventSource("aws.config").messageType(MessageType.SCHEDULED_NOTIFICATION)))));
            }
        }
    }

}
