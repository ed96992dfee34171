package io.github.stalecerts.cdk;

import static io.github.stalecerts.cdk.Policies.allow;

import io.github.stalecerts.aws.ActionCatalogue;
import io.github.stalecerts.rule.ResourceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.config.CfnRemediationConfiguration;
import software.amazon.awscdk.services.config.CustomRule;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.ssm.CfnDocument;
import software.constructs.Construct;

/**
 * Config remediation for the rule: the remediation Lambda (same jar, {@code RemediationHandler}),
 * an SSM Automation document that invokes it with the non-compliant user's UserId, and the
 * RemediationConfiguration on the rule, manual unless the user opts in to automatic.
 *
 * <p>The configuration's resource type is {@code AWS::IAM::User}: the root account's
 * {@code AWS::::Account} finding is never a target (only the root user can change root's certificates).
 */
final class Remediation extends Construct {

    static final String HANDLER = "io.github.stalecerts.handler.RemediationHandler::handleRequest";
    /** One user's certificates: a handful of IAM calls; the JVM's cold start dominates. */
    static final int MEMORY_MB = 512;
    static final Duration TIMEOUT = Duration.minutes(1);
    /*
     * One user per invocation, three or four IAM calls each. SSM invokes it synchronously, once per
     * non-compliant user; five at once remediates a hundred users in well under a minute without a burst
     * of parallel UpdateSigningCertificate calls. A throttled invocation fails that attempt, and Config's
     * remediation retries it (automatic remediation: up to remediationMaximumAttempts).
     */
    static final int RESERVED_CONCURRENCY = 5;

    private final Function function;
    private final Role automationRole;
    private final CfnDocument document;
    private final CfnRemediationConfiguration configuration;

    Remediation(Construct scope, String id, CustomRule rule, String ruleName, Code code, FunctionSafeguards safeguards,
                ResponseSettings settings) {
        super(scope, id);
        Stack stack = Stack.of(this);
        JavaFunction remediation = JavaFunction.create(this, "Remediate", new JavaFunction.Spec(
                "Deactivates the stale IAM signing certificates of one user (Config remediation of " + ruleName + ")",
                HANDLER, MEMORY_MB, TIMEOUT, RESERVED_CONCURRENCY, JavaFunction.Startup.COLD_JVM),
                code, safeguards, Policies.of(ActionCatalogue.Function.REMEDIATION, stack));
        this.function = remediation.function();
        function.addEnvironment("CONFIG_RULE_NAME", ruleName);

        this.automationRole = Role.Builder.create(this, "AutomationRole")
                .assumedBy(new ServicePrincipal("ssm.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()))))
                .description("Lets the SSM remediation document of " + ruleName + " invoke its Lambda, and nothing else")
                .inlinePolicies(Map.of("InvokeRemediation", PolicyDocument.Builder.create().statements(List.of(
                        allow("InvokeRemediation", List.of("lambda:InvokeFunction"), function.getFunctionArn()))).build()))
                .build();

        this.document = CfnDocument.Builder.create(this, "Document")
                .documentType("Automation")
                .documentFormat("JSON")
                .updateMethod("NewVersion")
                .content(documentContent(function.getFunctionArn()))
                .build();

        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("AutomationAssumeRole", Map.of("StaticValue", Map.of("Values", List.of(automationRole.getRoleArn()))));
        parameters.put("ResourceId", Map.of("ResourceValue", Map.of("Value", "RESOURCE_ID")));
        CfnRemediationConfiguration.Builder remediationConfiguration = CfnRemediationConfiguration.Builder.create(this, "Configuration")
                .configRuleName(rule.getConfigRuleName())
                .targetType("SSM_DOCUMENT")
                .targetId(document.getRef())
                .resourceType("AWS::IAM::User")
                .parameters(parameters)
                .automatic(settings.automaticRemediation());
        if (settings.automaticRemediation()) {
            remediationConfiguration
                    .maximumAutomaticAttempts(settings.remediationMaximumAttempts())
                    .retryAttemptSeconds(settings.remediationRetrySeconds());
        }
        this.configuration = remediationConfiguration.build();
    }

    private static Map<String, Object> documentContent(String functionArn) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("name", "DeactivateStaleCertificates");
        step.put("action", "aws:invokeLambdaFunction");
        step.put("description", "Sets the user's stale active certificates Inactive (never deletes, never touches a fresh one)");
        step.put("inputs", Map.of(
                "FunctionName", functionArn,
                "InvocationType", "RequestResponse",
                "Payload", "{\"resourceId\": \"{{ ResourceId }}\", \"dryRun\": {{ DryRun }}}"));
        step.put("isEnd", true);

        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("ResourceId", Map.of("type", "String",
                "description", "The IAM user's UserId (Config's resource id for AWS::IAM::User)",
                "allowedPattern", "^" + ResourceId.PATTERN + "$"));
        parameters.put("AutomationAssumeRole", Map.of("type", "String",
                "description", "The role the automation runs as (allowed to invoke the remediation Lambda only)"));
        parameters.put("DryRun", Map.of("type", "Boolean", "default", false,
                "description", "true: report which certificates would be deactivated, change nothing"));

        Map<String, Object> content = new LinkedHashMap<>();
        content.put("schemaVersion", "0.3");
        content.put("description", "Deactivates the stale X.509 signing certificates of one IAM user, judged with "
                + "the Config rule's current parameters. The root account is never a target.");
        content.put("assumeRole", "{{ AutomationAssumeRole }}");
        content.put("parameters", parameters);
        content.put("mainSteps", List.of(step));
        // The action's own output: the handler's result (outcome, deactivated, kept, message) as JSON.
        content.put("outputs", List.of("DeactivateStaleCertificates.Payload"));
        return content;
    }

    Function function() {
        return function;
    }

    Role automationRole() {
        return automationRole;
    }

    CfnDocument document() {
        return document;
    }

    CfnRemediationConfiguration configuration() {
        return configuration;
    }
}
