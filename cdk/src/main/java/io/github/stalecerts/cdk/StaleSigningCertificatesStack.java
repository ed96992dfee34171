package io.github.stalecerts.cdk;

import io.github.stalecerts.aws.ActionCatalogue;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.config.CustomRule;
import software.amazon.awscdk.services.config.ResourceType;
import software.amazon.awscdk.services.config.RuleScope;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionAttributes;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The stale signing-certificate Config rule: its Lambda (SnapStart, published version behind an
 * alias), the Lambda's least-privilege role and log group, and the custom Config rule that invokes
 * the alias periodically and whenever an IAM user changes; remediation, notifications and the opt-in
 * Security Hub CSPM automation rules. Environment-agnostic.
 *
 * <p>The one definition of what an account holds: the single-account deploy is this stack, and the
 * template the organization's StackSet deploys to every member account is this stack too, built with
 * the same settings, its jar read from the organization's code bucket ({@link RuleCode}).
 */
public final class StaleSigningCertificatesStack extends Stack {

    public static final String HANDLER = "io.github.stalecerts.handler.ConfigRuleHandler::handleRequest";
    public static final String ALIAS_NAME = "live";

    /*
     * Sized from the benchmark (bench/README.md) for an account at IAM's 5,000-user quota, with 60 ms
     * added to every AWS call. A periodic run reads the users (ceil(N/1000) GetAccountAuthorizationDetails
     * pages), the credential report, one ListSigningCertificates per user to list (the k holders of an
     * active certificate; every user when IAM hands back a report made earlier), from a pool of 8
     * threads, and reports with ceil(N/100) PutEvaluations calls. Measured at N = 5,000: about 120 MB
     * peak heap for a daily run, at most about 200 MB when every user is listed, which takes under a
     * minute and about 0.2 vCPU on average. Lambda gives one full vCPU at 1,769 MB and CPU in
     * proportion to memory below that, so 1024 MB is about 0.58 vCPU:
     * enough for a run that mostly waits on IAM, with room for the JVM. 5 minutes leaves about five
     * times the measured every-user run for a slower or throttling IAM (the adaptive retry mode slows
     * the client when IAM throttles); Lambda allows 15, but a run that needs more than 5 is a
     * throttled or unhealthy account and should fail loudly. It does so without losing the rest:
     * listing stops 30 seconds before the timeout, the users not listed by then are named unread,
     * and everyone read is reported. A change-triggered run evaluates one user and takes about a second.
     */
    public static final int MEMORY_MB = 1024;
    public static final Duration TIMEOUT = Duration.minutes(5);
    /*
     * At most this many runs at once. A periodic run holds one; the rest take change-triggered runs, one
     * per changed user, about a second each: a burst of 100 user changes drains in under a minute, four at
     * a time, each making two IAM reads, instead of 100 parallel runs hitting IAM's account-wide request
     * rate together. Config invokes asynchronously, so a throttled run is not lost: Lambda keeps it queued
     * and retries it for up to six hours (then it lands in the failed-invocations queue).
     * Off with reservedConcurrency=false (RuleSettings): the runs then share the account's unreserved pool.
     */
    public static final int RESERVED_CONCURRENCY = 5;

    private final boolean reservedConcurrency;
    private final Key key;
    private final FailedInvocations failedInvocations;
    private final Function function;
    private final Alias alias;
    private final Role role;
    private final CustomRule rule;
    private final Remediation remediation;
    private final Notifications notifications;
    private final Optional<SecurityHubSeverity> securityHub;

    /** @param ruleCode the rule's jar: {@code new RuleCode.LocalJar(settings.ruleJar())}, or the organization's bucket */
    StaleSigningCertificatesStack(Construct scope, String id, StackProps props, RuleSettings settings,
                                  ResponseSettings response, RuleCode ruleCode) {
        super(scope, id, props);
        Code code = ruleCode.code(this);
        this.key = Key.Builder.create(this, "Key")
                .description("Encrypts the stale signing-certificate rule's logs, notifications and failure queues")
                .enableKeyRotation(true)
                .build();
        this.failedInvocations = new FailedInvocations(this, "FailedInvocations", key);
        this.reservedConcurrency = settings.reservedConcurrency();
        FunctionSafeguards safeguards = new FunctionSafeguards(key, failedInvocations, "/" + settings.ruleName(),
                reservedConcurrency);

        JavaFunction ruleFunction = JavaFunction.create(this, "Rule", new JavaFunction.Spec(
                "AWS Config rule: finds stale IAM X.509 signing certificates (users and root account)",
                HANDLER, MEMORY_MB, TIMEOUT, RESERVED_CONCURRENCY, JavaFunction.Startup.SNAP_START),
                code, safeguards, ruleStatements());
        this.function = ruleFunction.function();
        this.role = ruleFunction.role();
        // The CDK warns that SnapStart needs published versions; the alias below publishes one.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "The function's current version is published and Config invokes it through the alias.");

        // SnapStart applies to published versions only: Config invokes this alias of the current one.
        // Asynchronous-invocation settings apply per function, version or alias: Config invokes the alias, so
        // the alias carries them (one retry, then the failed-invocations queue).
        this.alias = Alias.Builder.create(this, "RuleAlias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .retryAttempts(1)
                .onFailure(failedInvocations.destination())
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

        // What users do with the results: remediate from Config, get told, see them in Security Hub CSPM.
        this.remediation = new Remediation(this, "Remediation", rule, settings.ruleName(), code, safeguards, response);
        this.notifications = new Notifications(this, "Notifications", rule, function, key, failedInvocations, response);
        this.securityHub = response.securityHubAutomationRules()
                ? Optional.of(new SecurityHubSeverity(this, "SecurityHub", rule, settings.ruleName()))
                : Optional.empty();
    }

    /** Exactly what the rule's code calls (its entry in the action catalogue), on the narrowest resources each action supports. */
    private List<PolicyStatement> ruleStatements() {
        return Policies.of(ActionCatalogue.Function.RULE, this);
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

    /** Whether the functions reserve concurrency ({@link RuleSettings#RESERVED_CONCURRENCY}). */
    boolean reservedConcurrency() {
        return reservedConcurrency;
    }

    Key key() {
        return key;
    }

    FailedInvocations failedInvocations() {
        return failedInvocations;
    }

    Remediation remediation() {
        return remediation;
    }

    Notifications notifications() {
        return notifications;
    }

    Optional<SecurityHubSeverity> securityHub() {
        return securityHub;
    }
}
