package io.github.stalecerts.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.config.CustomRule;
import software.amazon.awscdk.services.config.ResourceType;
import software.amazon.awscdk.services.config.RuleScope;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionAttributes;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The stale signing-certificate Config rule: its Lambda (SnapStart, published version behind an
 * alias), the Lambda's least-privilege role and log group, and the custom Config rule that invokes
 * the alias periodically and whenever an IAM user changes. Environment-agnostic.
 */
public final class StaleSigningCertificatesStack extends Stack {

    public static final String HANDLER = "io.github.stalecerts.handler.ConfigRuleHandler::handleRequest";
    public static final String ALIAS_NAME = "live";

    /*
     * Sized for an account at IAM's 5,000-user quota. A periodic run makes ceil(N/1000) = 5
     * GetAccountAuthorizationDetails pages (a few MB of JSON held in memory at once), one
     * ListSigningCertificates per user holding an active certificate (up to 5,000 sequential calls,
     * tens of milliseconds each: a few minutes at worst), the credential report (generation can take
     * seconds; the code polls with bounded back-off), GetComplianceDetailsByConfigRule pages and
     * ceil(N/100) = 50 PutEvaluations calls. 1024 MB gives the JVM room for the inventory and the
     * parsed certificates, and a full vCPU share (Lambda allocates CPU in proportion to memory), which
     * shortens JSON/X.509 parsing; 5 minutes covers the sequential IAM calls at that size with margin
     * (Lambda allows 15; a run that needs more than 5 is a throttled or unhealthy account and should
     * fail loudly). A change-triggered run evaluates one user and takes about a second.
     */
    public static final int MEMORY_MB = 1024;
    public static final Duration TIMEOUT = Duration.minutes(5);

    private final Function function;
    private final Alias alias;
    private final Role role;
    private final CustomRule rule;

    public StaleSigningCertificatesStack(Construct scope, String id, StackProps props, RuleSettings settings) {
        super(scope, id, props);

        LogGroup logGroup = LogGroup.Builder.create(this, "RuleLogs")
                // A year of run summaries and failures: enough to answer "when did this start failing".
                // Encrypted at rest by CloudWatch Logs' own keys; the logs hold user names and
                // certificate ids, no secrets, so a customer-managed KMS key is not warranted.
                .retention(RetentionDays.ONE_YEAR)
                .build();

        this.role = Role.Builder.create(this, "RuleRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs the stale signing-certificate Config rule: reads IAM users, certificates and the credential report; reports to Config.")
                .inlinePolicies(Map.of("StaleSigningCertificatesRule", rulePolicy(logGroup)))
                .build();

        this.function = Function.Builder.create(this, "RuleFunction")
                .description("AWS Config rule: finds stale IAM X.509 signing certificates (users and root account)")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(HANDLER)
                .code(Code.fromAsset(settings.ruleJar().toString()))
                .memorySize(MEMORY_MB)
                .timeout(TIMEOUT)
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .build();
        // The CDK adds DependsOn the role, which the Role GetAtt already implies (cfn-lint W3005); the role's
        // policy is inline, so nothing else needs ordering.
        ((CfnResource) function.getNode().getDefaultChild()).addDeletionOverride("DependsOn");
        // The CDK warns that SnapStart needs published versions; the alias below publishes one.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "The function's current version is published and Config invokes it through the alias.");

        // SnapStart applies to published versions only: Config invokes this alias of the current one.
        this.alias = Alias.Builder.create(this, "RuleAlias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();

        // CustomRule grants Config the invoke permission (SourceAccount = this account) and would also
        // attach the managed policy AWSConfigRulesExecutionRole to the function's role (config:Put*,
        // s3:GetObject on any bucket, ...), which the code does not need. Handing it the alias as an
        // imported function, which has no role, keeps the permission and leaves the role exact.
        IFunction target = Function.fromFunctionAttributes(this, "RuleTarget", FunctionAttributes.builder()
                .functionArn(alias.getFunctionArn())
                .sameEnvironment(true)
                .build());

        this.rule = CustomRule.Builder.create(this, "Rule")
                .configRuleName(settings.ruleName())
                .description("IAM users and the root account must not hold an active X.509 signing certificate older than "
                        + settings.parameters().maxCertificateAgeDays() + " days or expiring within "
                        + settings.parameters().expiryWarningDays() + " days.")
                .lambdaFunction(target)
                .periodic(true)
                .maximumExecutionFrequency(settings.maximumExecutionFrequency())
                .configurationChanges(true)
                .ruleScope(RuleScope.fromResources(List.of(ResourceType.IAM_USER)))
                .inputParameters(new java.util.LinkedHashMap<String, Object>(settings.parameters().asInputParameters()))
                .build();
        // Config checks its invoke permission when the rule is created: create the permission first.
        target.getPermissionsNode().getChildren().forEach(permission -> rule.getNode().addDependency(permission));
    }

    /** Exactly what the rule's code calls, on the narrowest resources each action supports. */
    private PolicyDocument rulePolicy(LogGroup logGroup) {
        String iamUsers = Stack.of(this).formatArn(ArnComponents.builder()
                .service("iam").region("").resource("user").resourceName("*").build());
        // Not the rule's own ARN: that holds an id Config assigns at creation (config-rule/config-rule-abc123),
        // and referencing it here would make a cycle (rule -> function alias -> role -> rule).
        String configRules = Stack.of(this).formatArn(ArnComponents.builder()
                .service("config").resource("config-rule").resourceName("*").build());
        return PolicyDocument.Builder.create().statements(List.of(
                statement("ReadUsersAndTags", List.of("iam:GetAccountAuthorizationDetails"), "*"),
                statement("CredentialReportForRoot", List.of("iam:GenerateCredentialReport", "iam:GetCredentialReport"), "*"),
                statement("ReadSigningCertificates", List.of("iam:ListSigningCertificates", "iam:GetUser"), iamUsers),
                statement("ReportEvaluations", List.of("config:PutEvaluations"), "*"),
                statement("ReadEarlierEvaluations", List.of("config:GetComplianceDetailsByConfigRule"), configRules),
                // The log group's ARN attribute ends in ":*", which covers its log streams.
                statement("WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"), logGroup.getLogGroupArn())))
                .build();
    }

    private static PolicyStatement statement(String sid, List<String> actions, String resource) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(List.of(resource))
                .build();
    }

    public Function function() {
        return function;
    }

    public Alias alias() {
        return alias;
    }

    public Role role() {
        return role;
    }

    public CustomRule rule() {
        return rule;
    }
}
