package io.github.stalecerts.cdk;

import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.logicalId;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.properties;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.resourcesByAction;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.stack;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The response wiring in the template: remediation, notifications, the Security Hub CSPM automation rules. */
class ResponseWiringTest {

    private static final Map<String, Object> EVERYTHING_ON = Map.of(
            ResponseSettings.AUTOMATIC_REMEDIATION, "true",
            ResponseSettings.NOTIFICATION_EMAIL, "security@example.com",
            ResponseSettings.SECURITY_HUB_AUTOMATION_RULES, "true");

    @Test
    @SuppressWarnings("unchecked")
    void ssmDocumentInvokesTheRemediationLambdaWithTheUserId() {
        StaleSigningCertificatesStack stack = stack(Map.of());
        Template template = template(stack);
        String function = logicalId(stack, stack.remediation().function());

        Map<String, Object> document = properties(template, logicalId(stack, stack.remediation().document()));
        assertEquals("Automation", document.get("DocumentType"));
        Map<String, Object> content = (Map<String, Object>) document.get("Content");
        assertEquals("0.3", content.get("schemaVersion"));
        assertEquals("{{ AutomationAssumeRole }}", content.get("assumeRole"));
        Map<String, Object> step = ((List<Map<String, Object>>) content.get("mainSteps")).get(0);
        assertEquals("aws:invokeLambdaFunction", step.get("action"));
        Map<String, Object> inputs = (Map<String, Object>) step.get("inputs");
        assertEquals(Map.of("Fn::GetAtt", List.of(function, "Arn")), inputs.get("FunctionName"));
        assertEquals("{\"resourceId\": \"{{ ResourceId }}\", \"dryRun\": {{ DryRun }}}", inputs.get("Payload"));
        assertEquals(List.of("DeactivateStaleCertificates.Payload"), content.get("outputs"));

        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "io.github.stalecerts.handler.RemediationHandler::handleRequest",
                "Runtime", "java21",
                "Environment", Map.of("Variables", Map.of("CONFIG_RULE_NAME", "stale-signing-certificates"))));
    }

    @Test
    void remediationIsManualByDefaultAndTargetsUsersOnly() {
        StaleSigningCertificatesStack stack = stack(Map.of());
        Map<String, Object> configuration = properties(template(stack),
                logicalId(stack, stack.remediation().configuration()));

        assertEquals(false, configuration.get("Automatic"));
        assertFalse(configuration.containsKey("MaximumAutomaticAttempts"));
        assertEquals("AWS::IAM::User", configuration.get("ResourceType"), "the root account is never a target");
        assertEquals("SSM_DOCUMENT", configuration.get("TargetType"));
        assertEquals(Map.of("Ref", logicalId(stack, stack.remediation().document())), configuration.get("TargetId"));
        assertEquals(Map.of("Ref", logicalId(stack, stack.rule())), configuration.get("ConfigRuleName"));
        assertEquals(Map.of(
                "AutomationAssumeRole", Map.of("StaticValue", Map.of("Values", List.of(
                        Map.of("Fn::GetAtt", List.of(logicalId(stack, stack.remediation().automationRole()), "Arn"))))),
                "ResourceId", Map.of("ResourceValue", Map.of("Value", "RESOURCE_ID"))), configuration.get("Parameters"));
    }

    @Test
    void automaticRemediationIsOptInWithBoundedRetries() {
        StaleSigningCertificatesStack defaults = stack(Map.of(ResponseSettings.AUTOMATIC_REMEDIATION, "true"));
        Map<String, Object> configuration = properties(template(defaults),
                logicalId(defaults, defaults.remediation().configuration()));
        assertEquals(true, configuration.get("Automatic"));
        assertEquals(3, configuration.get("MaximumAutomaticAttempts"));
        assertEquals(600, configuration.get("RetryAttemptSeconds"));

        StaleSigningCertificatesStack custom = stack(Map.of(ResponseSettings.AUTOMATIC_REMEDIATION, "true",
                ResponseSettings.REMEDIATION_MAXIMUM_ATTEMPTS, 5, ResponseSettings.REMEDIATION_RETRY_SECONDS, "120"));
        Map<String, Object> customized = properties(template(custom), logicalId(custom, custom.remediation().configuration()));
        assertEquals(5, customized.get("MaximumAutomaticAttempts"));
        assertEquals(120, customized.get("RetryAttemptSeconds"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void remediationRolesAreExact() {
        StaleSigningCertificatesStack stack = stack(Map.of());
        Template template = template(stack);

        Map<String, Set<String>> lambda = resourcesByAction(properties(template,
                logicalId(stack, stack.remediation().function().getRole())));
        assertEquals(Set.of("iam:GetUser", "iam:ListSigningCertificates", "iam:UpdateSigningCertificate",
                "iam:GetAccountAuthorizationDetails", "config:ListDiscoveredResources", "config:DescribeConfigRules",
                "logs:CreateLogStream", "logs:PutLogEvents"), lambda.keySet());
        assertTrue(lambda.get("iam:UpdateSigningCertificate").iterator().next().contains(":user/*"));
        assertFalse(lambda.containsKey("iam:DeleteSigningCertificate"), "never deletes");

        Map<String, Object> automation = properties(template, logicalId(stack, stack.remediation().automationRole()));
        Map<String, Set<String>> invoke = resourcesByAction(automation);
        assertEquals(Set.of("lambda:InvokeFunction"), invoke.keySet());
        assertEquals(Set.of(String.valueOf(Map.of("Fn::GetAtt",
                List.of(logicalId(stack, stack.remediation().function()), "Arn")))), invoke.get("lambda:InvokeFunction"));
        Map<String, Object> trust = (Map<String, Object>) ((List<Object>) ((Map<String, Object>)
                automation.get("AssumeRolePolicyDocument")).get("Statement")).get(0);
        assertEquals(Map.of("Service", "ssm.amazonaws.com"), trust.get("Principal"));
        assertEquals(Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))), trust.get("Condition"));
    }

    @Test
    void nonCompliantChangesGoToAKmsEncryptedTopic() {
        StaleSigningCertificatesStack stack = stack(Map.of());
        Template template = template(stack);
        Notifications notifications = stack.notifications();

        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of(
                        "source", List.of("aws.config"),
                        "detail-type", List.of("Config Rules Compliance Change"),
                        "detail", Map.of(
                                "configRuleName", List.of(Map.of("Ref", logicalId(stack, stack.rule()))),
                                "newEvaluationResult", Map.of("complianceType", List.of("NON_COMPLIANT")))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", logicalId(stack, notifications.topic())))))));
        template.hasResourceProperties("AWS::SNS::Topic", Map.of(
                "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(logicalId(stack, notifications.key()), "Arn"))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Principal", Map.of("Service", "events.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"))))))));
        template.resourceCountIs("AWS::SNS::Subscription", 0);

        Template withEmail = template(stack(Map.of(ResponseSettings.NOTIFICATION_EMAIL, "security@example.com")));
        withEmail.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "security@example.com"));
    }

    @Test
    void aFailingRuleAlarmsOnTheSameTopic() {
        StaleSigningCertificatesStack stack = stack(Map.of());
        Template template = template(stack);
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "Errors",
                "Namespace", "AWS/Lambda",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", logicalId(stack, stack.function())))),
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "TreatMissingData", "notBreaching",
                "AlarmActions", List.of(Map.of("Ref", logicalId(stack, stack.notifications().topic())))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Principal", Map.of("Service", "cloudwatch.amazonaws.com"))))))));
        // The TLS-only topic policy replaces SNS's default one: CloudWatch must be allowed in it.
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", "sns:Publish",
                        "Condition", Map.of("ArnLike", Map.of("aws:SourceArn",
                                Map.of("Fn::GetAtt", List.of(logicalId(stack, stack.notifications().ruleFailures()), "Arn")))))))))));
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of("MaximumRetryAttempts", 1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void securityHubAutomationRulesAreOptInAndRaiseThisRulesFailedFindings() {
        template(stack(Map.of())).resourceCountIs("AWS::SecurityHub::AutomationRule", 0);

        StaleSigningCertificatesStack stack = stack(Map.of(ResponseSettings.SECURITY_HUB_AUTOMATION_RULES, "true"));
        Template template = template(stack);
        template.resourceCountIs("AWS::SecurityHub::AutomationRule", 2);
        Map<String, String> severityByType = Map.of("AwsIamUser", "HIGH", "AwsAccount", "CRITICAL");
        for (var rule : List.of(stack.securityHub().orElseThrow().users(), stack.securityHub().orElseThrow().rootAccount())) {
            Map<String, Object> props = properties(template, logicalId(stack, rule));
            Map<String, Object> criteria = (Map<String, Object>) props.get("Criteria");
            assertEquals(List.of(Map.of("Comparison", "EQUALS", "Value",
                    Map.of("Fn::GetAtt", List.of(logicalId(stack, stack.rule()), "Arn")))), criteria.get("GeneratorId"));
            assertEquals(List.of(Map.of("Comparison", "EQUALS", "Value", "FAILED")), criteria.get("ComplianceStatus"));
            String type = (String) ((List<Map<String, Object>>) criteria.get("ResourceType")).get(0).get("Value");
            Map<String, Object> action = ((List<Map<String, Object>>) props.get("Actions")).get(0);
            assertEquals("FINDING_FIELDS_UPDATE", action.get("Type"));
            Map<String, Object> update = (Map<String, Object>) action.get("FindingFieldsUpdate");
            assertEquals(Map.of("Label", severityByType.get(type)), update.get("Severity"), type);
            assertEquals(SecurityHubSeverity.TYPES, update.get("Types"));
            String note = (String) ((Map<String, Object>) update.get("Note")).get("Text");
            assertEquals(SecurityHubSeverity.note(type, "stale-signing-certificates"), note);
        }
    }

    @Test
    void theNoteSaysWhatToDoAndNamesASectionOfUsageThatExists() throws Exception {
        String user = SecurityHubSeverity.note("AwsIamUser", "stale-signing-certificates");
        String root = SecurityHubSeverity.note("AwsAccount", "stale-signing-certificates");
        for (String note : List.of(user, root)) {
            assertTrue(note.contains("IA-5"), note);
            assertTrue(note.contains("docs/usage.md") && note.contains("'" + SecurityHubSeverity.USAGE_SECTION + "'"), note);
            assertFalse(note.contains("README"), note);
        }
        assertTrue(user.contains("rule stale-signing-certificates, select the user and choose Remediate"), user);
        assertTrue(root.contains("sign in as this account's root user"), root);

        // The section the notes name is a heading of docs/usage.md (the cdk module runs in cdk/).
        List<String> headings = Files.readAllLines(Path.of("..", "docs", "usage.md")).stream()
                .filter(line -> line.startsWith("#")).map(line -> line.replaceFirst("^#+\\s*", "")).toList();
        assertTrue(headings.contains(SecurityHubSeverity.USAGE_SECTION), headings.toString());

        // Within Security Hub CSPM's 512 characters with the longest rule name synth accepts.
        String longest = "r".repeat(128);
        for (String type : List.of("AwsIamUser", "AwsAccount")) {
            String note = SecurityHubSeverity.note(type, longest);
            assertTrue(note.length() <= 512, note.length() + ": " + note);
        }
    }


    @Test
    void cdkNagIsCleanWithEveryOptionOn() {
        App app = StaleSigningCertificatesStackTest.app(EVERYTHING_ON);
        StaleSigningCertificatesStack stack = StaleSigningCertificatesApp.build(app);
        assertEquals(List.of(), StaleSigningCertificatesStackTest.nagFindings(app, stack));
    }
}
