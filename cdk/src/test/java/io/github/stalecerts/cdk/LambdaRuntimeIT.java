package io.github.stalecerts.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.stalecerts.testing.PlaceholderFunction;
import io.github.stalecerts.testing.FakeAws;
import io.github.stalecerts.testing.FaultProxy;
import io.github.stalecerts.testing.MotoAccount;
import io.github.stalecerts.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.MessageType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.SigningCertificate;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Both functions of the synthesized template run under AWS's own Lambda runtime pieces: the Runtime Interface
 * Emulator (built from source by scripts/setup-rie.sh) in front, AWS's Java runtime interface client starting
 * the handler from the unzipped shaded jar, as AWS's java21 base image starts a function. Handler strings,
 * memory, timeout, log format and environment come from the synthesized template, so a renamed class or a
 * wrong handler string fails here. Invocations are raw JSON in the shapes AWS documents, deserialized by the
 * runtime (not by a test's constructor), against moto behind a recording proxy.
 *
 * <p>What the emulator showed that the in-process handler tests cannot: the runtime deserializes
 * {@code ConfigEvent} itself and ignores fields the events library does not know ({@code evaluationMode});
 * a body that is not JSON fails in the runtime before the handler runs; with {@code AWS_LAMBDA_LOG_FORMAT=JSON}
 * the runtime turns each {@code LambdaLogger} call into one JSON object with the level the handler gave, a
 * multi-line message (a stack trace) included, and writes the thrown exception as one more ERROR object.
 *
 * <p>Where moto falls short: it serves PutEvaluations only with TestMode=true and keeps nothing it accepted,
 * so the events carry the {@code TESTMODE} result token and the evaluations are read from the requests moto
 * answered (the proxy records them). moto serves any account whose role session is used: the function runs
 * with session credentials of a role in account 012345678912, the account the emulator puts in the invoked
 * function's ARN, as Lambda gives a function its execution role's session.
 */
@ExtendWith(MotoServer.class)
class LambdaRuntimeIT {

    /** The account aws-lambda-rie names in every invoked function ARN (arn:aws:lambda:us-east-1:012345678912:function:...). */
    static final String ACCOUNT = "012345678912";
    private static final Path EMULATOR = Path.of(System.getProperty("lambda.rie", "../.cache/rie/aws-lambda-rie"));
    private static final Path RUNTIME_LIB = Path.of(System.getProperty("lambda.runtime.lib", "target/lambda-runtime"));
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    /** IAM reads of the rule and the remediation: none may happen for an event the function refuses. */
    private static final List<String> IAM_READS = List.of("GetAccountAuthorizationDetails", "ListUsers", "GetUser",
            "ListSigningCertificates", "GenerateCredentialReport", "GetCredentialReport");

    @TempDir
    static Path taskRoot;
    private static Map<String, Map<String, Object>> resources;
    private static EmulatedLambda.Definition ruleFunction;
    private static EmulatedLambda.Definition remediationFunction;
    private static String ruleName;
    private static String ruleParameters;
    private static String remediationPayload;

    private final List<EmulatedLambda> running = new ArrayList<>();
    private FaultProxy aws;
    private AwsSessionCredentials session;
    private IamClient iam;
    private MotoAccount account;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void synthesizeAndUnpack() throws IOException {
        // The real shaded jar (failsafe's rule.jar), not the unit tests' stand-in: the template's asset and the
        // task root the runtime loads the handlers from are the same file.
        Path ruleJar = Path.of(System.getProperty("rule.jar", "../rule-lambda/target/rule-lambda.jar"));
        assertTrue(Files.isRegularFile(ruleJar), "the rule's shaded jar " + ruleJar.toAbsolutePath()
                + " is missing: LambdaRuntimeIT runs in `./mvnw verify`, after rule-lambda is packaged");
        Template template = StaleSigningCertificatesStackTest.template(
                StaleSigningCertificatesStackTest.stack(Map.of(RuleSettings.RULE_JAR, ruleJar.toString())));
        resources = (Map<String, Map<String, Object>>) template.toJSON().get("Resources");

        Map<String, Object> rule = properties(only("AWS::Config::ConfigRule"));
        ruleName = (String) rule.get("ConfigRuleName");
        // Config hands the rule's InputParameters to the function as one JSON string, every value a string.
        ruleParameters = new Gson().toJson(rule.get("InputParameters"));
        ruleFunction = definition(functionBehind(((Map<String, Object>) rule.get("Source")).get("SourceIdentifier")));

        Map<String, Object> content = (Map<String, Object>) properties(only("AWS::SSM::Document")).get("Content");
        Map<String, Object> step = ((List<Map<String, Object>>) content.get("mainSteps")).get(0);
        assertEquals("aws:invokeLambdaFunction", step.get("action"));
        Map<String, Object> inputs = (Map<String, Object>) step.get("inputs");
        remediationFunction = definition(functionBehind(inputs.get("FunctionName")));
        remediationPayload = (String) inputs.get("Payload");
        // The log assertions below hold for the format the template sets: JSON for both functions.
        assertEquals("JSON", ruleFunction.logFormat(), "the rule function's LoggingConfig.LogFormat");
        assertEquals("JSON", remediationFunction.logFormat(), "the remediation function's LoggingConfig.LogFormat");

        EmulatedLambda.unzip(ruleJar, taskRoot);
    }

    @BeforeEach
    void assumeTheFunctionsRole() throws IOException {
        aws = new FaultProxy(MotoServer.endpoint(), Duration.ZERO, FaultProxy.Faults.NONE);
        try (StsClient sts = StsClient.builder().endpointOverride(MotoServer.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            var credentials = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/function-role")
                    .roleSessionName("lambda")).credentials();
            session = AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                    credentials.sessionToken());
        }
        iam = IamClient.builder().endpointOverride(MotoServer.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(session))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        account = new MotoAccount(iam);
    }

    @AfterEach
    void stop() throws Exception {
        for (EmulatedLambda lambda : running) {
            lambda.close();
        }
        aws.close();
        iam.close();
    }

    @Test
    void theRuleReportsPeriodicAndChangeTriggeredVerdictsIntoMoto() throws Exception {
        String stale = account.user("expiring-soon");
        account.certificate("expiring-soon", NOW.plus(Duration.ofDays(10)));
        String fresh = account.user("fresh");
        account.certificate("fresh", NOW.plus(Duration.ofDays(400)));
        assertTrue(iam.getUser(r -> r.userName("fresh")).user().arn().startsWith("arn:aws:iam::" + ACCOUNT + ":"),
                "moto serves the role session's account");
        EmulatedLambda rule = start(ruleFunction);

        Instant notified = NOW.minus(Duration.ofMinutes(3));
        EmulatedLambda.Invocation periodic = rule.invoke(event(scheduled(notified), ruleParameters, false, ACCOUNT));

        assertSucceeded(periodic, rule);
        String summary = JsonParser.parseString(periodic.body()).getAsString();
        assertTrue(summary.startsWith("summary account=" + ACCOUNT + " trigger=Periodic "), summary);
        assertTrue(summary.contains("COMPLIANT=1 NON_COMPLIANT=1"), summary);
        Map<String, JsonObject> byId = byResourceId(evaluationsSince(0));
        assertEquals(Set.of(stale, fresh), byId.keySet(), "moto has no root row: the account gets no verdict");
        assertEquals("NON_COMPLIANT", byId.get(stale).get("ComplianceType").getAsString());
        assertTrue(byId.get(stale).get("Annotation").getAsString().contains("expires"), byId.get(stale).toString());
        assertEquals("COMPLIANT", byId.get(fresh).get("ComplianceType").getAsString());
        byId.values().forEach(e -> assertEquals(notified, orderingTimestamp(e), "ordered by the notification time"));
        assertTrue(jsonLines(periodic).stream().anyMatch(l -> level(l).equals("INFO") && message(l).equals(summary)),
                periodic.functionLines().toString());
        assertTrue(jsonLines(periodic).stream().anyMatch(l -> level(l).equals("WARN") && message(l).contains("<root_account>")),
                periodic.functionLines().toString());
        // The memory size Lambda would give the function is the template's.
        assertTrue(periodic.report().contains("Memory Size: " + ruleFunction.memoryMb() + " MB"), periodic.report());

        int before = puts().size();
        Instant captured = NOW.minus(Duration.ofMinutes(1));
        EmulatedLambda.Invocation changed = rule.invoke(event(userChange("ConfigurationItemChangeNotification",
                "configurationItem", fresh, "fresh", captured, "OK"), ruleParameters, false, ACCOUNT));
        assertSucceeded(changed, rule);
        List<JsonObject> one = evaluationsSince(before);
        assertEquals(1, one.size(), one.toString());
        assertEquals(fresh, one.get(0).get("ComplianceResourceId").getAsString());
        assertEquals("COMPLIANT", one.get(0).get("ComplianceType").getAsString());
        assertEquals(captured, orderingTimestamp(one.get(0)), "ordered by the configuration item's capture time");

        before = puts().size();
        EmulatedLambda.Invocation oversized = rule.invoke(event(userChange("OversizedConfigurationItemChangeNotification",
                "configurationItemSummary", stale, "expiring-soon", captured, "OK"), ruleParameters, false, ACCOUNT));
        assertSucceeded(oversized, rule);
        one = evaluationsSince(before);
        assertEquals(List.of(stale + " NON_COMPLIANT"), one.stream().map(e -> e.get("ComplianceResourceId").getAsString()
                + " " + e.get("ComplianceType").getAsString()).toList());

        before = puts().size();
        EmulatedLambda.Invocation leftScope = rule.invoke(event(userChange("ConfigurationItemChangeNotification",
                "configurationItem", stale, "expiring-soon", captured, "OK"), ruleParameters, true, ACCOUNT));
        assertSucceeded(leftScope, rule);
        one = evaluationsSince(before);
        assertEquals(1, one.size(), one.toString());
        assertEquals("NOT_APPLICABLE", one.get(0).get("ComplianceType").getAsString());
        assertEquals("left the rule's scope", one.get(0).get("Annotation").getAsString());

        assertTrue(puts().stream().allMatch(p -> JsonParser.parseString(p.body()).getAsJsonObject().get("TestMode").getAsBoolean()));
    }

    @Test
    void theRemediationDeactivatesExactlyTheStaleCertificatesFromTheDocumentsPayload() throws Exception {
        seedRuleInMoto();
        String alice = account.user("alice");
        String aliceStale = account.certificate("alice", NOW.plus(Duration.ofDays(5)));
        String aliceFresh = account.certificate("alice", NOW.plus(Duration.ofDays(400)));
        account.user("bob");
        String bobStale = account.certificate("bob", NOW.plus(Duration.ofDays(5)));
        EmulatedLambda remediation = start(remediationFunction);

        EmulatedLambda.Invocation dryRun = remediation.invoke(automationPayload(alice, true));
        assertSucceeded(dryRun, remediation);
        JsonObject planned = JsonParser.parseString(dryRun.body()).getAsJsonObject();
        assertTrue(planned.get("dryRun").getAsBoolean());
        assertEquals(List.of(aliceStale), strings(planned, "deactivated"));
        assertEquals(Map.of(aliceStale, "Active", aliceFresh, "Active"), statuses("alice"), "a dry run changes nothing");

        EmulatedLambda.Invocation applied = remediation.invoke(automationPayload(alice, false));
        assertSucceeded(applied, remediation);
        JsonObject done = JsonParser.parseString(applied.body()).getAsJsonObject();
        assertEquals(alice, done.get("resourceId").getAsString());
        assertEquals("alice", done.get("userName").getAsString());
        assertFalse(done.get("dryRun").getAsBoolean());
        assertEquals(List.of(aliceStale), strings(done, "deactivated"));
        assertEquals(List.of(aliceFresh), strings(done, "kept"));
        assertEquals(Map.of(aliceStale, "Inactive", aliceFresh, "Active"), statuses("alice"));
        assertEquals(Map.of(bobStale, "Active"), statuses("bob"), "only the user named in the payload is touched");
        assertTrue(jsonLines(applied).stream().anyMatch(l -> level(l).equals("INFO") && message(l).startsWith("remediation ")),
                applied.functionLines().toString());
        assertTrue(applied.report().contains("Memory Size: " + remediationFunction.memoryMb() + " MB"), applied.report());
    }

    @Test
    void badInputIsAFunctionErrorNamingWhatWasWrongAndNothingIsReported() throws Exception {
        String alice = account.user("alice");
        account.certificate("alice", NOW.plus(Duration.ofDays(5)));
        EmulatedLambda rule = start(ruleFunction);
        Instant at = NOW.minus(Duration.ofMinutes(1));
        String ec2 = "{\"configurationItem\":{\"configurationItemCaptureTime\":\"" + at + "\",\"awsAccountId\":\"" + ACCOUNT
                + "\",\"configurationItemStatus\":\"OK\",\"resourceId\":\"i-00000000\",\"resourceName\":\"foo\","
                + "\"resourceType\":\"AWS::EC2::Instance\",\"awsRegion\":\"us-east-1\",\"configuration\":{\"foo\":\"bar\"}},"
                + "\"messageType\":\"ConfigurationItemChangeNotification\"}";

        Map<String, String> expectedByPayload = new LinkedHashMap<>();
        expectedByPayload.put(event(scheduled(at), "{\"maxCertificateAge\":\"90\"}", false, ACCOUNT),
                "unknown rule parameter 'maxCertificateAge'");
        expectedByPayload.put(event(scheduled(at), "{\"maxCertificateAgeDays\":\"ninety\"}", false, ACCOUNT),
                "maxCertificateAgeDays");
        expectedByPayload.put(event(scheduled(at), ruleParameters, false, "210987654321"),
                "the Config event is for account 210987654321, but this function runs in account " + ACCOUNT);
        expectedByPayload.put(event(ec2, ruleParameters, false, ACCOUNT), "unsupported resourceType 'AWS::EC2::Instance'");
        expectedByPayload.put(event("{\"messageType\":", ruleParameters, false, ACCOUNT), "invokingEvent");
        for (Map.Entry<String, String> bad : expectedByPayload.entrySet()) {
            EmulatedLambda.Invocation refused = rule.invoke(bad.getKey());
            assertFunctionError(refused, bad.getValue(), rule);
            assertTrue(jsonLines(refused).stream().anyMatch(l -> level(l).equals("ERROR") && message(l).startsWith("failed: ")
                    && message(l).contains(bad.getValue())), refused.functionLines().toString());
        }
        // A body that is not JSON fails in the runtime's deserializer before the handler runs: the error it
        // returns says only "An error occurred during JSON parsing"; its ERROR log line names the fault.
        assertRuntimeRefusedJson(rule, "{\"version\":\"1.0\",\"invokingEvent\":", "Unexpected end-of-input");

        EmulatedLambda remediation = start(remediationFunction);
        assertFunctionError(remediation.invoke("{\"resourceId\": \"alice; drop\", \"dryRun\": false}"),
                "resourceId 'alice; drop' is not an IAM UserId", remediation);
        assertRuntimeRefusedJson(remediation, "{\"resourceId\": \"" + alice + "\", \"dryRun\": maybe}",
                "Unrecognized token 'maybe'");
        assertFunctionError(remediation.invoke("{\"resourceId\": \"" + alice + "\", \"dryRun\": \"maybe\"}"),
                "dryRun must be true or false, got 'maybe'", remediation);

        assertEquals(List.of(), puts(), "nothing is reported");
        for (String read : IAM_READS) {
            assertEquals(List.of(), aws.succeeded(read), read + " after a refused event");
        }
        assertEquals(List.of(), aws.succeeded("UpdateSigningCertificate"));
    }

    private EmulatedLambda start(EmulatedLambda.Definition function) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", session.accessKeyId());
        environment.put("AWS_SECRET_ACCESS_KEY", session.secretAccessKey());
        environment.put("AWS_SESSION_TOKEN", session.sessionToken());
        // The one variable that is not Lambda's: every AWS call goes to moto through the recording proxy.
        environment.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        EmulatedLambda lambda = EmulatedLambda.start(EMULATOR, RUNTIME_LIB, taskRoot, function.logicalId(), function, environment);
        running.add(lambda);
        return lambda;
    }

    /** The SSM document's Lambda payload after Automation substitutes its parameters (a Boolean as true/false). */
    private static String automationPayload(String resourceId, boolean dryRun) {
        Map<String, String> parameters = Map.of("ResourceId", resourceId, "DryRun", Boolean.toString(dryRun));
        Matcher placeholder = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}").matcher(remediationPayload);
        StringBuilder payload = new StringBuilder();
        while (placeholder.find()) {
            String value = parameters.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalStateException("the document's payload uses an unknown parameter " + placeholder.group());
            }
            placeholder.appendReplacement(payload, Matcher.quoteReplacement(value));
        }
        return placeholder.appendTail(payload).toString();
    }

    private void assertSucceeded(EmulatedLambda.Invocation invocation, EmulatedLambda lambda) {
        assertEquals(200, invocation.status(), lambda.output());
        assertFalse(invocation.failed(), invocation.body() + "\n" + lambda.output());
        assertJsonLogs(invocation);
    }

    private void assertRuntimeRefusedJson(EmulatedLambda lambda, String payload, String fault) throws Exception {
        EmulatedLambda.Invocation refused = lambda.invoke(payload);
        assertFunctionError(refused, "An error occurred during JSON parsing", lambda);
        assertTrue(jsonLines(refused).stream().anyMatch(l -> level(l).equals("ERROR") && message(l).contains(fault)),
                refused.functionLines().toString());
    }

    private void assertFunctionError(EmulatedLambda.Invocation invocation, String expected, EmulatedLambda lambda) {
        assertTrue(invocation.failed(), invocation.body() + "\n" + lambda.output());
        JsonObject error = JsonParser.parseString(invocation.body()).getAsJsonObject();
        assertTrue(error.get("errorMessage").getAsString().contains(expected), error.toString());
        assertFalse(error.get("errorType").getAsString().isBlank(), error.toString());
        assertJsonLogs(invocation);
    }

    /**
     * Every line the function wrote is one JSON object with a level, a message and the request id, and none
     * holds a certificate body or the session's secret key or token.
     */
    private void assertJsonLogs(EmulatedLambda.Invocation invocation) {
        assertFalse(invocation.functionLines().isEmpty(), "the function wrote no line");
        for (String line : invocation.functionLines()) {
            JsonObject object;
            try {
                object = JsonParser.parseString(line).getAsJsonObject();
            } catch (RuntimeException e) {
                throw new AssertionError("a log line that is not one JSON object: " + line, e);
            }
            assertTrue(LEVELS.contains(level(object)), line);
            assertTrue(object.has("message") && object.has("timestamp") && object.has("AWSRequestId"), line);
            assertFalse(line.contains("BEGIN CERTIFICATE") || line.contains("MII"), "a certificate body in the log: " + line);
            assertFalse(line.contains(session.secretAccessKey()), "the secret access key in the log");
            assertFalse(line.contains(session.sessionToken()), "the session token in the log");
        }
    }

    private static List<JsonObject> jsonLines(EmulatedLambda.Invocation invocation) {
        return invocation.functionLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    private static String level(JsonObject line) {
        return line.has("level") ? line.get("level").getAsString() : "";
    }

    private static String message(JsonObject line) {
        return line.get("message").getAsString();
    }

    private List<FakeAws.Request> puts() {
        return aws.succeeded("PutEvaluations");
    }

    private List<JsonObject> evaluationsSince(int puts) {
        List<JsonObject> evaluations = new ArrayList<>();
        for (FakeAws.Request put : puts().subList(puts, puts().size())) {
            JsonObject body = JsonParser.parseString(put.body()).getAsJsonObject();
            assertEquals("TESTMODE", body.get("ResultToken").getAsString());
            body.getAsJsonArray("Evaluations").forEach(e -> evaluations.add(e.getAsJsonObject()));
        }
        return evaluations;
    }

    private static Map<String, JsonObject> byResourceId(List<JsonObject> evaluations) {
        return evaluations.stream().collect(Collectors.toMap(e -> e.get("ComplianceResourceId").getAsString(), e -> e));
    }

    private static Instant orderingTimestamp(JsonObject evaluation) {
        // JSON 1.1 sends a timestamp as epoch seconds with a fraction.
        return Instant.ofEpochMilli(Math.round(evaluation.get("OrderingTimestamp").getAsDouble() * 1000));
    }

    private static List<String> strings(JsonObject object, String member) {
        List<String> values = new ArrayList<>();
        object.getAsJsonArray(member).forEach(v -> values.add(v.getAsString()));
        return values;
    }

    private Map<String, String> statuses(String userName) {
        return iam.listSigningCertificates(r -> r.userName(userName)).certificates().stream()
                .collect(Collectors.toMap(SigningCertificate::certificateId, c -> c.statusAsString()));
    }

    /** The Config rule as the template defines it, in moto (which accepts a custom rule only when its function exists). */
    private void seedRuleInMoto() {
        var credentials = StaticCredentialsProvider.create(session);
        String role = iam.createRole(r -> r.roleName("rule-role").assumeRolePolicyDocument("{}")).role().arn();
        try (LambdaClient lambda = LambdaClient.builder().endpointOverride(MotoServer.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
             ConfigClient config = ConfigClient.builder().endpointOverride(MotoServer.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String function = lambda.createFunction(r -> r.functionName("rule").runtime(ruleFunctionRuntime())
                    .role(role).handler(ruleFunction.handler()).code(c -> c.zipFile(SdkBytes.fromByteArray(PlaceholderFunction.zip()))))
                    .functionArn();
            config.putConfigRule(r -> r.configRule(rule -> rule.configRuleName(ruleName).inputParameters(ruleParameters)
                    .source(s -> s.owner("CUSTOM_LAMBDA").sourceIdentifier(function)
                            .sourceDetails(d -> d.eventSource("aws.config").messageType(MessageType.SCHEDULED_NOTIFICATION)))));
        }
    }

    private static String ruleFunctionRuntime() {
        return (String) properties(resources.get(ruleFunction.logicalId())).get("Runtime");
    }


    // --- Config events, in the shapes of the Config developer guide's examples ---

    private static String scheduled(Instant notified) {
        return "{\"awsAccountId\":\"" + ACCOUNT + "\",\"notificationCreationTime\":\"" + notified
                + "\",\"messageType\":\"ScheduledNotification\",\"recordVersion\":\"1.0\"}";
    }

    /** A change notification for a user; an oversized one carries the item's summary instead of the item. */
    private static String userChange(String messageType, String itemField, String userId, String userName, Instant captured,
                                     String status) {
        String configuration = itemField.equals("configurationItem")
                ? "\"configuration\":{\"path\":\"/\",\"userName\":\"" + userName + "\",\"userId\":\"" + userId
                  + "\",\"arn\":\"arn:aws:iam::" + ACCOUNT + ":user/" + userName + "\",\"tags\":[]},"
                  + "\"supplementaryConfiguration\":{},\"tags\":{},\"relatedEvents\":[],\"relationships\":[],"
                : "\"changeType\":\"UPDATE\",";
        return "{\"configurationItemDiff\":null,\"" + itemField + "\":{" + configuration
                + "\"configurationItemVersion\":\"1.3\",\"configurationItemCaptureTime\":\"" + captured
                + "\",\"configurationStateId\":1,\"awsAccountId\":\"" + ACCOUNT + "\",\"configurationItemStatus\":\"" + status
                + "\",\"resourceType\":\"AWS::IAM::User\",\"resourceId\":\"" + userId + "\",\"resourceName\":\"" + userName
                + "\",\"ARN\":\"arn:aws:iam::" + ACCOUNT + ":user/" + userName + "\",\"awsRegion\":\"global\","
                + "\"availabilityZone\":\"Not Applicable\",\"configurationStateMd5Hash\":\"\"},\"notificationCreationTime\":\""
                + captured + "\",\"messageType\":\"" + messageType + "\",\"recordVersion\":\"1.3\"}";
    }

    /** The Lambda event around an invoking event: every string field as Config sends it, evaluationMode included. */
    private static String event(String invokingEvent, String ruleParameters, boolean leftScope, String accountId) {
        JsonObject event = new JsonObject();
        event.addProperty("version", "1.0");
        event.addProperty("invokingEvent", invokingEvent);
        event.addProperty("ruleParameters", ruleParameters);
        event.addProperty("resultToken", "TESTMODE");
        event.addProperty("eventLeftScope", leftScope);
        event.addProperty("executionRoleArn", "arn:aws:iam::" + accountId
                + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig");
        event.addProperty("configRuleArn", "arn:aws:config:us-east-1:" + accountId + ":config-rule/config-rule-530zrx");
        event.addProperty("configRuleName", ruleName);
        event.addProperty("configRuleId", "config-rule-530zrx");
        event.addProperty("accountId", accountId);
        event.addProperty("evaluationMode", "DETECTIVE");
        return event.toString();
    }

    // --- the synthesized template ---

    private static Map<String, Object> only(String type) {
        List<Map<String, Object>> found = resources.values().stream().filter(r -> type.equals(r.get("Type"))).toList();
        assertEquals(1, found.size(), "resources of type " + type);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    /** The function a reference leads to: a Ref or Fn::GetAtt to a function, or through an alias or a version. */
    @SuppressWarnings("unchecked")
    private static String functionBehind(Object reference) {
        if (reference instanceof Map<?, ?> map) {
            String target = map.containsKey("Ref") ? (String) map.get("Ref")
                    : map.containsKey("Fn::GetAtt") ? (String) ((List<Object>) map.get("Fn::GetAtt")).get(0) : null;
            if (target != null) {
                Map<String, Object> resource = resources.get(target);
                switch ((String) resource.get("Type")) {
                    case "AWS::Lambda::Function":
                        return target;
                    case "AWS::Lambda::Alias":
                    case "AWS::Lambda::Version":
                        return functionBehind(properties(resource).get("FunctionName"));
                    default:
                        break;
                }
            }
        }
        throw new IllegalStateException("no Lambda function behind " + reference);
    }

    @SuppressWarnings("unchecked")
    private static EmulatedLambda.Definition definition(String logicalId) {
        Map<String, Object> function = properties(resources.get(logicalId));
        // The base image whose start this test reproduces; the local JVM is the build's (JDK 17 or later).
        assertEquals("java21", function.get("Runtime"), logicalId);
        Map<String, Object> logging = (Map<String, Object>) function.getOrDefault("LoggingConfig", Map.of());
        return new EmulatedLambda.Definition(logicalId, (String) function.get("Handler"),
                ((Number) function.get("MemorySize")).intValue(), ((Number) function.get("Timeout")).intValue(),
                (String) logging.getOrDefault("LogFormat", "Text"),
                Optional.ofNullable((String) logging.get("ApplicationLogLevel")),
                EmulatedLambda.variables(function.get("Environment")));
    }
}
