package io.github.stalecerts.cdk;

import static io.github.stalecerts.cdk.Policies.allow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A handler of the rule's jar (its {@link Code}) as a Lambda function: java21 on arm64, JSON logs into its
 * own log group (a retention period, encrypted with the stack's key), a reserved concurrency (unless the
 * stack's settings turn reservations off), failed
 * asynchronous invocations recorded in the stack's queue, and a role holding exactly the given statements
 * plus writing those logs (inline, no AWS managed policy; the one customer-managed policy lets Lambda
 * record failed invocations).
 */
record JavaFunction(Function function, Role role) {

    /** How a function starts: from a SnapStart snapshot of a published version, or a fresh JVM each cold start. */
    enum Startup { SNAP_START, COLD_JVM }

    /**
     * What sets one function apart; everything else every function gets alike.
     *
     * @param description        the function's and its role's description
     * @param handler            {@code class::method} in the rule's jar
     * @param reservedExecutions the concurrency it reserves, unless the stack's settings turn reservations off
     */
    record Spec(String description, String handler, int memoryMb, Duration timeout, int reservedExecutions,
                Startup startup) {
    }

    static JavaFunction create(Construct scope, String id, Spec spec, Code code, FunctionSafeguards safeguards,
                               List<PolicyStatement> statements) {
        String description = spec.description();
        safeguards.admitLogGroup(Stack.of(scope), id);
        LogGroup logGroup = LogGroup.Builder.create(scope, id + "Logs")
                .logGroupName(safeguards.logGroupName(id))
                // A year of run summaries and failures: enough to answer "when did this start failing".
                // The logs hold user names and certificate ids, no secrets; the stack's key keeps them
                // readable only where its key policy allows.
                .retention(RetentionDays.ONE_YEAR)
                .encryptionKey(safeguards.key())
                .build();
        List<PolicyStatement> all = new ArrayList<>(statements);
        // The log group's ARN attribute ends in ":*", which covers its log streams.
        all.add(allow("WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"), logGroup.getLogGroupArn()));
        Role role = Role.Builder.create(scope, id + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(description)
                .inlinePolicies(Map.of(id, PolicyDocument.Builder.create().statements(all).build()))
                .build();
        Function.Builder builder = Function.Builder.create(scope, id + "Function")
                .description(description)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler())
                .code(code)
                .memorySize(spec.memoryMb())
                .timeout(spec.timeout())
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                // Config invokes asynchronously; Lambda would retry a failed run twice, each a full
                // audit. One retry covers a passing fault; a lasting one alarms instead, and the
                // invocation record waits in the failed-invocations queue.
                .retryAttempts(1)
                .onFailure(safeguards.failedInvocations().destination());
        if (safeguards.reservedConcurrency()) {
            builder.reservedConcurrentExecutions(spec.reservedExecutions());
        }
        if (spec.startup() == Startup.SNAP_START) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        Function function = builder.build();
        safeguards.failedInvocations().allowRecordsFrom(role);
        // The CDK adds DependsOn the role, which the Role GetAtt already implies (cfn-lint W3005); the role's
        // policy is inline, and the failed-invocation delivery policy is used only after a run failed twice.
        ((CfnResource) function.getNode().getDefaultChild()).addDeletionOverride("DependsOn");
        return new JavaFunction(function, role);
    }
}
