package io.github.stalecerts.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

class StaleSigningCertificatesStackTest {

    /**
     * A stand-in for the rule's shaded jar (a small zip among the test resources): synth hashes and copies the
     * Lambda's asset and never reads inside it, so the unit tests need no {@code package} of rule-lambda.
     * {@code scripts/check-template.sh} synthesizes with the real jar.
     */
    static final String RULE_JAR = standInRuleJar();

    private static String standInRuleJar() {
        try {
            return Path.of(StaleSigningCertificatesStackTest.class.getResource("/stand-in-rule-lambda.jar").toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static App app(Map<String, Object> context) {
        Map<String, Object> all = new HashMap<>(context);
        all.putIfAbsent(RuleSettings.RULE_JAR, RULE_JAR);
        return App.Builder.create().context(all).build();
    }

    static StaleSigningCertificatesStack stack(Map<String, Object> context) {
        return StaleSigningCertificatesApp.build(app(context));
    }

    static Template template(StaleSigningCertificatesStack stack) {
        return Template.fromStack(stack);
    }

    /** cdk-nag AwsSolutions findings not acknowledged, as "rule on [construct paths]". */
    static List<String> nagFindings(App app, Stack stack) {
        PolicyValidationPluginReport report = new AwsSolutionsChecks(app).validateScope(stack);
        List<String> findings = new ArrayList<>();
        report.getViolations().forEach(v -> findings.add(v.getRuleName() + " on "
                + v.getViolatingResources().stream().map(r -> r.getConstructPath()).toList()));
        assertEquals(findings.isEmpty(), report.getSuccess());
        return findings;
    }

    static String logicalId(Stack stack, software.constructs.IConstruct construct) {
        // An L1 (Cfn*) construct is its own resource; an L2 wraps one as its default child.
        CfnResource resource = construct instanceof CfnResource cfn ? cfn : (CfnResource) construct.getNode().getDefaultChild();
        return stack.resolve(resource.getLogicalId()).toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Template template, String logicalId) {
        Map<String, Object> resource = (Map<String, Object>) template.toJSON().get("Resources");
        return (Map<String, Object>) ((Map<String, Object>) resource.get(logicalId)).get("Properties");
    }

    /** A role's inline policies as action -> resources; fails on any Deny, NotAction, NotResource or wildcard action. */
    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> resourcesByAction(Map<String, Object> role) {
        Map<String, Set<String>> resourcesByAction = new HashMap<>();
        for (Object policy : (List<Object>) role.get("Policies")) {
            Map<String, Object> document = (Map<String, Object>) ((Map<String, Object>) policy).get("PolicyDocument");
            for (Object s : (List<Object>) document.get("Statement")) {
                Map<String, Object> statement = (Map<String, Object>) s;
                assertEquals("Allow", statement.get("Effect"));
                assertNull(statement.get("NotAction"));
                assertNull(statement.get("NotResource"));
                Object actions = statement.get("Action");
                List<String> list = actions instanceof List ? (List<String>) actions : List.of((String) actions);
                Object resources = statement.get("Resource");
                List<Object> resourceList = resources instanceof List ? (List<Object>) resources : List.of(resources);
                for (String action : list) {
                    assertFalse(action.contains("*"), "wildcard action " + action);
                    resourcesByAction.computeIfAbsent(action, a -> new TreeSet<>())
                            .addAll(resourceList.stream().map(String::valueOf).toList());
                }
            }
        }
        return resourcesByAction;
    }


    @Test
    void ruleIsPeriodicAndChangeTriggeredForIamUsersAndInvokesTheAlias() {
        StaleSigningCertificatesStack stack = stack(Map.of());
        Template template = template(stack);
        String alias = logicalId(stack, stack.alias());
        template.resourceCountIs("AWS::Config::ConfigRule", 1);
        template.hasResourceProperties("AWS::Config::ConfigRule", Map.of(
                "ConfigRuleName", "stale-signing-certificates",
                "Scope", Map.of("ComplianceResourceTypes", List.of("AWS::IAM::User")),
                "InputParameters", Map.of("maxCertificateAgeDays", "90", "expiryWarningDays", "30", "rootCertificatePolicy", "rotate"),
                "Source", Match.objectLike(Map.of(
                        "Owner", "CUSTOM_LAMBDA",
                        "SourceIdentifier", Map.of("Ref", alias)))));
        for (Map<String, Object> detail : List.<Map<String, Object>>of(
                Map.of("EventSource", "aws.config", "MessageType", "ScheduledNotification",
                        "MaximumExecutionFrequency", "TwentyFour_Hours"),
                Map.of("EventSource", "aws.config", "MessageType", "ConfigurationItemChangeNotification"),
                Map.of("EventSource", "aws.config", "MessageType", "OversizedConfigurationItemChangeNotification"))) {
            template.hasResourceProperties("AWS::Config::ConfigRule", Map.of(
                    "Source", Map.of("SourceDetails", Match.arrayWith(List.of(detail)))));
        }
        // The alias points at the function's published version (SnapStart applies to versions only).
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                "Name", "live",
                "FunctionName", Map.of("Ref", logicalId(stack, stack.function())),
                "FunctionVersion", Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of("Version"))))));
        template.resourceCountIs("AWS::Lambda::Version", 1);
    }

    @Test
    void configMayInvokeTheAliasOnlyFromThisAccount() {
        StaleSigningCertificatesStack stack = stack(Map.of());
        Template template = template(stack);
        template.resourceCountIs("AWS::Lambda::Permission", 1);
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction",
                "Principal", "config.amazonaws.com",
                "SourceAccount", Map.of("Ref", "AWS::AccountId"),
                "FunctionName", Map.of("Ref", logicalId(stack, stack.alias()))));
        // The rule is created after the permission (Config checks it at creation).
        template.hasResource("AWS::Config::ConfigRule", Map.of("DependsOn", Match.arrayWith(List.of(
                template.findResources("AWS::Lambda::Permission").keySet().iterator().next()))));
    }

    @Test
    void functionIsJava21Arm64WithSnapStartJsonLogsAndSizing() {
        StaleSigningCertificatesStack stack = stack(Map.of());
        Template template = template(stack);
        template.resourceCountIs("AWS::Lambda::Function", 2); // the rule and its remediation
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java21",
                "Architectures", List.of("arm64"),
                "Handler", "io.github.stalecerts.handler.ConfigRuleHandler::handleRequest",
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "MemorySize", 1024,
                "Timeout", 300,
                "LoggingConfig", Map.of("LogFormat", "JSON",
                        "LogGroup", Map.of("Ref", logicalId(stack, stack.function().getLogGroup())))));
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 365));
    }

    @Test
    @SuppressWarnings("unchecked")
    void roleHasExactlyTheActionsTheCodeCallsAndNoWildcardAction() {
        StaleSigningCertificatesStack stack = stack(Map.of());
        Template template = template(stack);
        Map<String, Object> role = properties(template, logicalId(stack, stack.role()));
        assertNull(role.get("ManagedPolicyArns"), "no managed policy (AWSConfigRulesExecutionRole would add config:Put* and s3)");
        assertTrue(template.findResources("AWS::IAM::Policy").isEmpty(), "the role's policy is inline, nothing attached elsewhere");

        Map<String, Set<String>> resourcesByAction = resourcesByAction(role);
        assertEquals(new TreeSet<>(Set.of(
                "iam:GetAccountAuthorizationDetails", "iam:GenerateCredentialReport", "iam:GetCredentialReport",
                "iam:ListSigningCertificates", "iam:GetUser",
                "config:PutEvaluations", "config:GetComplianceDetailsByConfigRule",
                "logs:CreateLogStream", "logs:PutLogEvents")), new TreeSet<>(resourcesByAction.keySet()));

        String star = "*";
        for (String action : List.of("iam:GetAccountAuthorizationDetails", "iam:GenerateCredentialReport",
                "iam:GetCredentialReport", "config:PutEvaluations")) {
            assertEquals(Set.of(star), resourcesByAction.get(action), action);
        }
        for (String action : List.of("iam:ListSigningCertificates", "iam:GetUser")) {
            String resource = resourcesByAction.get(action).iterator().next();
            assertEquals(1, resourcesByAction.get(action).size());
            assertTrue(resource.contains(":iam::") && resource.contains("AWS::AccountId") && resource.contains(":user/*"), resource);
        }
        String configRules = resourcesByAction.get("config:GetComplianceDetailsByConfigRule").iterator().next();
        assertTrue(configRules.contains(":config:") && configRules.contains("AWS::Region") && configRules.contains(":config-rule/*"), configRules);
        String logs = resourcesByAction.get("logs:PutLogEvents").iterator().next();
        assertTrue(logs.contains("Fn::GetAtt") && logs.contains(logicalId(stack, stack.function().getLogGroup())), logs);
    }

    @Test
    void contextSetsParametersFrequencyAndName() {
        Template template = template(stack(Map.of(
                "ruleName", "certs-check",
                "maximumExecutionFrequency", "Six_Hours",
                "maxCertificateAgeDays", "60",
                "expiryWarningDays", 14,          // cdk.json numbers arrive as numbers
                "rootCertificatePolicy", "forbid",
                "exemptTagKey", "cert-exempt")));
        template.hasResourceProperties("AWS::Config::ConfigRule", Map.of(
                "ConfigRuleName", "certs-check",
                "InputParameters", Map.of("maxCertificateAgeDays", "60", "expiryWarningDays", "14",
                        "rootCertificatePolicy", "forbid", "exemptTagKey", "cert-exempt"),
                "Source", Map.of("SourceDetails", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "MessageType", "ScheduledNotification", "MaximumExecutionFrequency", "Six_Hours")))))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "maxCertificateAgeDays     | 0",
            "maxCertificateAgeDays     | ninety",
            "expiryWarningDays         | -1",
            "expiryWarningDays         | 4000",
            "rootCertificatePolicy     | ignore",
            "exemptTagKey              | bad*key",
            "maximumExecutionFrequency | 24h",
            "ruleName                  | has space",
            "ruleJar                   | /nonexistent/rule-lambda.jar",
            "automaticRemediation       | yes",
            "remediationMaximumAttempts | 0",
            "remediationMaximumAttempts | 26",
            "remediationMaximumAttempts | \u0665",
            "remediationRetrySeconds    | \uff16\uff10",
            "remediationRetrySeconds    | soon",
            "notificationEmail          | not-an-address",
            "securityHubAutomationRules | 1",
            "reservedConcurrency        | 5",
            "reservedConcurrency        | off",
    })
    void badContextValueFailsSynthNamingTheKey(String key, String value) {
        InvalidContextException e = assertThrows(InvalidContextException.class, () -> stack(Map.of(key, value)));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void cdkNagAwsSolutionsHasNoUnacknowledgedFinding(@TempDir Path out) throws Exception {
        App app = App.Builder.create().outdir(out.toString()).context(Map.of(RuleSettings.RULE_JAR, RULE_JAR)).build();
        StaleSigningCertificatesStack stack = StaleSigningCertificatesApp.build(app);

        assertEquals(List.of(), nagFindings(app, stack));

        // The full synth runs the same checks as a validation plugin (as `cdk synth` does) and must pass.
        CloudAssembly assembly = app.synth();
        Path template = Path.of(assembly.getStackByName(StaleSigningCertificatesApp.STACK_NAME).getTemplateFullPath());
        assertTrue(Files.size(template) > 0);
    }
}
