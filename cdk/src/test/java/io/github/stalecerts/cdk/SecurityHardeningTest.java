package io.github.stalecerts.cdk;

import static io.github.stalecerts.cdk.OrganizationStackTest.resources;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.logicalId;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.properties;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.resourcesByAction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.NagPack;
import io.github.cdklabs.cdknag.ServerlessChecks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The hardening the NIST 800-53 rev. 5 and Serverless checks asked for, in the template: log groups
 * encrypted with the stack's key (its policy naming exactly those log groups), reserved concurrency,
 * failed asynchronous invocations kept in an encrypted queue with an alarm, dead-letter queues for the
 * notifications; and zero unacknowledged findings of all three cdk-nag packs on every stack.
 */
class SecurityHardeningTest {

    static final Map<String, Object> EVERYTHING_ON = OrganizationStackTest.EVERYTHING_ON;

    /** Unacknowledged findings of the three packs the app registers, as "rule on [paths]". */
    static List<String> findings(App app, Stack stack) {
        List<String> findings = new ArrayList<>();
        for (NagPack pack : List.<NagPack>of(
                new AwsSolutionsChecks(app), new NIST80053R5Checks(app), new ServerlessChecks(app))) {
            PolicyValidationPluginReport report = pack.validateScope(stack);
            report.getViolations().forEach(v -> findings.add(v.getRuleName() + " on "
                    + v.getViolatingResources().stream().map(r -> r.getConstructPath()).toList()));
        }
        return findings;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> keyPolicy(Template template, String keyId) {
        return (List<Map<String, Object>>) ((Map<String, Object>) properties(template, keyId).get("KeyPolicy")).get("Statement");
    }

    static Map<String, Object> getAttArn(String logicalId) {
        return Map.of("Fn::GetAtt", List.of(logicalId, "Arn"));
    }

    @Test
    void everyStackHasNoUnacknowledgedFindingOfAnyPack() {
        OrganizationStackTest.Built built = OrganizationStackTest.build(EVERYTHING_ON);
        assertEquals(List.of(), findings(built.app(), built.single()));
        assertEquals(List.of(), findings(built.app(), built.org()));
        StaleSigningCertificatesStack member = built.org().memberStack();
        assertEquals(List.of(), findings((App) member.getNode().getRoot(), member));

        App defaults = StaleSigningCertificatesStackTest.app(Map.of());
        assertEquals(List.of(), findings(defaults, StaleSigningCertificatesApp.build(defaults)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void logGroupsAreEncryptedWithTheStackKeyWhosePolicyAdmitsExactlyThoseLogGroups() {
        StaleSigningCertificatesStack stack = StaleSigningCertificatesStackTest.stack(Map.of());
        Template template = Template.fromStack(stack);
        String key = logicalId(stack, stack.key());

        Map<String, Map<String, Object>> logGroups = template.findResources("AWS::Logs::LogGroup");
        assertEquals(2, logGroups.size());
        Set<String> names = new TreeSet<>();
        logGroups.values().forEach(g -> {
            Map<String, Object> props = (Map<String, Object>) g.get("Properties");
            assertEquals(getAttArn(key), props.get("KmsKeyId"));
            names.add((String) props.get("LogGroupName"));
        });
        assertEquals(Set.of("/stale-signing-certificates/remediate", "/stale-signing-certificates/rule"), names);

        List<Map<String, Object>> forLogs = keyPolicy(template, key).stream()
                .filter(s -> String.valueOf(s.get("Principal")).contains("logs."))
                .toList();
        assertEquals(2, forLogs.size(), "one statement per log group");
        Set<String> admitted = new TreeSet<>();
        for (Map<String, Object> statement : forLogs) {
            assertEquals("Allow", statement.get("Effect"));
            Map<String, Object> condition = (Map<String, Object>) ((Map<String, Object>) statement.get("Condition")).get("ArnEquals");
            assertEquals(Set.of("kms:EncryptionContext:aws:logs:arn"), condition.keySet());
            String arn = String.valueOf(condition.get("kms:EncryptionContext:aws:logs:arn"));
            assertTrue(arn.contains(":log-group:/stale-signing-certificates/"), arn);
            assertFalse(arn.contains("*"), "exactly the log group, no wildcard: " + arn);
            admitted.add(arn.replaceAll(".*:log-group:([^\"\\],]+).*", "$1"));
            assertEquals(Map.of("Service", Map.of("Fn::Join", List.of("", List.of("logs.", Map.of("Ref", "AWS::Region"),
                    ".amazonaws.com")))), statement.get("Principal"));
        }
        assertEquals(names, admitted);
    }

    @Test
    void reservedConcurrencyBoundsBothFunctions() {
        StaleSigningCertificatesStack stack = StaleSigningCertificatesStackTest.stack(Map.of());
        Template template = Template.fromStack(stack);
        assertEquals(5, properties(template, logicalId(stack, stack.function())).get("ReservedConcurrentExecutions"));
        assertEquals(5, properties(template, logicalId(stack, stack.remediation().function())).get("ReservedConcurrentExecutions"));
        assertEquals(Set.of(), acknowledging(stack, "NIST.800.53.R5-LambdaConcurrency"));
        assertEquals(Set.of(), checkovSkipping(template, "CKV_AWS_115"));

        // Setting the default explicitly changes nothing.
        Template explicit = Template.fromStack(StaleSigningCertificatesStackTest.stack(
                Map.of(RuleSettings.RESERVED_CONCURRENCY, "true")));
        assertEquals(template.toJSON(), explicit.toJSON());
    }

    @Test
    void withoutReservedConcurrencyExactlyTheTwoFunctionsAcknowledgeItWithTheReason() {
        StaleSigningCertificatesStack stack = StaleSigningCertificatesStackTest.stack(
                Map.of(RuleSettings.RESERVED_CONCURRENCY, false));     // cdk.json booleans arrive as booleans
        Template template = Template.fromStack(stack);
        Set<String> functions = Set.of(logicalId(stack, stack.function()), logicalId(stack, stack.remediation().function()));
        template.findResources("AWS::Lambda::Function").forEach((id, function) ->
                assertFalse(String.valueOf(function.get("Properties")).contains("ReservedConcurrentExecutions"), id));
        assertEquals(functions, template.findResources("AWS::Lambda::Function").keySet());

        assertEquals(Set.of(stack.function().getNode().getPath(), stack.remediation().function().getNode().getPath()),
                acknowledging(stack, "NIST.800.53.R5-LambdaConcurrency"));
        assertEquals(functions, checkovSkipping(template, "CKV_AWS_115"));
        assertTrue(String.valueOf(resources(template)).contains(NagChecks.NO_RESERVED_CONCURRENCY));
        App app = (App) stack.getNode().getRoot();
        assertEquals(List.of(), findings(app, stack));
    }

    @Test
    void theStackSetMemberTemplateReservesExactlyAsTheSettingsSay() {
        Map<String, Object> off = new HashMap<>(OrganizationStackTest.EVERYTHING_ON);
        off.put(RuleSettings.RESERVED_CONCURRENCY, "false");
        OrganizationStackTest.Built built = OrganizationStackTest.build(off);
        StaleSigningCertificatesStack member = built.org().memberStack();
        Template template = built.member();
        template.findResources("AWS::Lambda::Function").forEach((id, function) ->
                assertFalse(String.valueOf(function.get("Properties")).contains("ReservedConcurrentExecutions"), id));
        assertEquals(Set.of(logicalId(member, member.function()), logicalId(member, member.remediation().function())),
                checkovSkipping(template, "CKV_AWS_115"));
        assertEquals(List.of(), findings((App) member.getNode().getRoot(), member));

        Template on = OrganizationStackTest.build().member();
        assertEquals(2, on.findResources("AWS::Lambda::Function", Map.of("Properties", Map.of(
                "ReservedConcurrentExecutions", 5))).size());
        assertEquals(Set.of(), checkovSkipping(on, "CKV_AWS_115"));
    }

    /** The paths of the constructs in the stack that acknowledge the cdk-nag finding. */
    static Set<String> acknowledging(Stack stack, String finding) {
        return stack.getNode().findAll().stream()
                .filter(c -> c.getNode().getMetadata().stream().anyMatch(entry ->
                        Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(entry.getType())
                                && String.valueOf(entry.getData()).contains(finding)))
                .map(c -> c.getNode().getPath())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The logical ids of the template's resources whose Metadata skips the checkov check. */
    @SuppressWarnings("unchecked")
    static Set<String> checkovSkipping(Template template, String check) {
        Set<String> skipping = new TreeSet<>();
        resources(template).forEach((id, resource) -> {
            Object metadata = resource.get("Metadata");
            if (metadata instanceof Map<?, ?> map && map.get("checkov") instanceof Map<?, ?> checkov
                    && ((List<Map<String, String>>) checkov.get("skip")).stream().anyMatch(s -> check.equals(s.get("id")))) {
                skipping.add(id);
            }
        });
        return skipping;
    }

    @Test
    @SuppressWarnings("unchecked")
    void failedAsynchronousInvocationsGoToAnEncryptedQueueWithADepthAlarm() {
        StaleSigningCertificatesStack stack = StaleSigningCertificatesStackTest.stack(Map.of());
        Template template = Template.fromStack(stack);
        String queue = logicalId(stack, stack.failedInvocations().queue());
        String key = logicalId(stack, stack.key());

        template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "KmsMasterKeyId", getAttArn(key),
                "MessageRetentionPeriod", 1_209_600));
        // Config invokes the alias: the alias carries the retry and the destination (and so does $LATEST).
        Map<String, Map<String, Object>> configs = template.findResources("AWS::Lambda::EventInvokeConfig");
        assertEquals(3, configs.size(), "the rule's alias, the rule's $LATEST, the remediation's $LATEST");
        boolean aliasCovered = false;
        for (Map<String, Object> config : configs.values()) {
            Map<String, Object> props = (Map<String, Object>) config.get("Properties");
            assertEquals(1, props.get("MaximumRetryAttempts"));
            assertEquals(Map.of("OnFailure", Map.of("Destination", getAttArn(queue))), props.get("DestinationConfig"));
            aliasCovered |= !"$LATEST".equals(props.get("Qualifier"))
                    && props.get("FunctionName").equals(Map.of("Ref", logicalId(stack, stack.function())));
        }
        assertTrue(aliasCovered, "an EventInvokeConfig on the alias Config invokes: " + configs);

        // Lambda delivers with the function's role: a customer-managed policy attached to both roles, and
        // nothing added to their inline policies (the existing role tests hold those exact).
        Map<String, Map<String, Object>> managed = template.findResources("AWS::IAM::ManagedPolicy");
        assertEquals(1, managed.size());
        Map<String, Object> delivery = (Map<String, Object>) managed.values().iterator().next().get("Properties");
        assertEquals(Set.of(Map.of("Ref", logicalId(stack, stack.role())),
                Map.of("Ref", logicalId(stack, stack.remediation().function().getRole()))), Set.copyOf((List<Object>) delivery.get("Roles")));
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) delivery.get("PolicyDocument")).get("Statement");
        Map<String, Set<String>> byAction = resourcesByAction(Map.of("Policies", List.of(Map.of("PolicyDocument",
                delivery.get("PolicyDocument")))));
        assertEquals(Set.of("sqs:SendMessage", "kms:GenerateDataKey", "kms:Decrypt"), byAction.keySet());
        assertEquals(Set.of(String.valueOf(getAttArn(queue))), byAction.get("sqs:SendMessage"));
        assertEquals(Set.of(String.valueOf(getAttArn(key))), byAction.get("kms:Decrypt"));
        assertTrue(statements.stream().anyMatch(s -> String.valueOf(s.get("Condition")).contains("kms:ViaService")),
                "the key only through SQS");

        String topic = logicalId(stack, stack.notifications().topic());
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Namespace", "AWS/SQS",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", getAttQueueName(queue))),
                "Threshold", 1,
                "AlarmActions", List.of(Map.of("Ref", topic))));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "FailedInvocationsWaitingPublishes",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Condition", Map.of("ArnLike", Map.of("aws:SourceArn", getAttArn(
                                logicalId(stack, stack.notifications().failedInvocationsWaiting())))))))))));
    }

    static Map<String, Object> getAttQueueName(String queue) {
        return Map.of("Fn::GetAtt", List.of(queue, "QueueName"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void notificationsEventBridgeOrSnsCouldNotDeliverGoToAnEncryptedDeadLetterQueue() {
        StaleSigningCertificatesStack stack = StaleSigningCertificatesStackTest.stack(
                Map.of(ResponseSettings.NOTIFICATION_EMAIL, "security@example.com"));
        Template template = Template.fromStack(stack);
        String undelivered = logicalId(stack, stack.notifications().undelivered());
        String key = logicalId(stack, stack.key());

        Map<String, Object> queue = properties(template, undelivered);
        assertEquals(getAttArn(key), queue.get("KmsMasterKeyId"));
        template.hasResourceProperties("AWS::Events::Rule", Map.of("Targets", List.of(Match.objectLike(Map.of(
                "DeadLetterConfig", Map.of("Arn", getAttArn(undelivered)))))));
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email",
                "RedrivePolicy", Map.of("deadLetterTargetArn", getAttArn(undelivered))));

        // Both services may send to it, each only for this stack's rule or topic; both may use the key.
        Map<String, Map<String, Object>> queuePolicies = template.findResources("AWS::SQS::QueuePolicy");
        String policies = queuePolicies.toString();
        assertTrue(policies.contains("events.amazonaws.com") && policies.contains("sns.amazonaws.com"), policies);
        Set<String> keyUsers = keyPolicy(template, key).stream().map(s -> String.valueOf(s.get("Principal")))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(keyUsers.stream().anyMatch(p -> p.contains("sns.amazonaws.com")), keyUsers.toString());
        assertTrue(keyUsers.stream().anyMatch(p -> p.contains("events.amazonaws.com")), keyUsers.toString());

        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", getAttQueueName(undelivered)))));

        // Without an e-mail subscription SNS gets no use of the key.
        StaleSigningCertificatesStack quiet = StaleSigningCertificatesStackTest.stack(Map.of());
        Template quietTemplate = Template.fromStack(quiet);
        assertFalse(keyPolicy(quietTemplate, logicalId(quiet, quiet.key())).toString().contains("sns.amazonaws.com"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eventBridgeHasOneKeyStatementAndAnUnconditionedPublishStatementAsAwsDocumentsIt() {
        for (Map<String, Object> context : List.of(Map.<String, Object>of(),
                Map.<String, Object>of(ResponseSettings.NOTIFICATION_EMAIL, "security@example.com"))) {
            StaleSigningCertificatesStack stack = StaleSigningCertificatesStackTest.stack(context);
            Template template = Template.fromStack(stack);
            List<Map<String, Object>> forEventBridge = keyPolicy(template, logicalId(stack, stack.key())).stream()
                    .filter(s -> Map.of("Service", "events.amazonaws.com").equals(s.get("Principal")))
                    .toList();
            // The topic's and the dead-letter queue's encryption: one statement, those two actions, nothing more.
            assertEquals(1, forEventBridge.size(), forEventBridge.toString());
            assertEquals(Set.of("kms:Decrypt", "kms:GenerateDataKey*"),
                    Set.copyOf((List<String>) forEventBridge.get(0).get("Action")));

            // EventBridge's User Guide (Amazon SNS permissions): an SNS topic policy statement for EventBridge
            // cannot use a Condition block. The grant is the topic's own (resource: this topic, action: Publish).
            List<Map<String, Object>> topicStatements = template.findResources("AWS::SNS::TopicPolicy").values().stream()
                    .flatMap(p -> ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) p
                            .get("Properties")).get("PolicyDocument")).get("Statement")).stream())
                    .filter(s -> Map.of("Service", "events.amazonaws.com").equals(s.get("Principal")))
                    .toList();
            assertEquals(1, topicStatements.size(), topicStatements.toString());
            assertEquals("sns:Publish", topicStatements.get(0).get("Action"));
            assertEquals(Map.of("Ref", logicalId(stack, stack.notifications().topic())), topicStatements.get(0).get("Resource"));
            assertFalse(topicStatements.get(0).containsKey("Condition"), topicStatements.toString());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void checkovSkipsNameOneCheckEachWithItsReason() {
        StaleSigningCertificatesStack stack = StaleSigningCertificatesStackTest.stack(Map.of());
        Template template = Template.fromStack(stack);
        Map<String, Set<String>> skipsByFunction = new HashMap<>();
        for (var function : List.of(stack.function(), stack.remediation().function())) {
            Map<String, Object> resource = (Map<String, Object>) ((Map<String, Object>) template.toJSON().get("Resources"))
                    .get(logicalId(stack, function));
            List<Map<String, String>> skips = (List<Map<String, String>>) ((Map<String, Object>)
                    ((Map<String, Object>) resource.get("Metadata")).get("checkov")).get("skip");
            skips.forEach(skip -> assertTrue(skip.get("comment").length() > 40, skip.toString()));
            skipsByFunction.put(function.getNode().getPath(), skips.stream().map(s -> s.get("id")).collect(Collectors.toSet()));
        }
        assertEquals(Map.of(
                stack.function().getNode().getPath(), Set.of("CKV_AWS_116", "CKV_AWS_117"),
                stack.remediation().function().getNode().getPath(), Set.of("CKV_AWS_116", "CKV_AWS_117", "CKV_AWS_173")),
                skipsByFunction);
    }
}
