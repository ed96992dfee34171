package io.github.stalecerts.cdk;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;

/**
 * What every function of a stack shares: the stack's KMS key, which encrypts the functions' log groups,
 * the queue that keeps their failed asynchronous invocations, and whether they reserve concurrency.
 *
 * @param key                 the stack's key
 * @param failedInvocations   the functions' on-failure destination
 * @param logGroupPrefix      the functions' log groups are named {@code <prefix>/<function>}
 * @param reservedConcurrency each function reserves the concurrency it is sized for ({@link RuleSettings#RESERVED_CONCURRENCY})
 */
record FunctionSafeguards(Key key, FailedInvocations failedInvocations, String logGroupPrefix, boolean reservedConcurrency) {

    /** The name of a function's log group. Fixed at synth: the key policy names it (a reference would be a cycle). */
    String logGroupName(String functionId) {
        return logGroupPrefix + "/" + functionId.toLowerCase(Locale.ROOT);
    }

    /**
     * Lets CloudWatch Logs use the key for this one log group and no other: the statement AWS documents
     * for encrypting a log group, its encryption-context condition naming exactly this log group's ARN.
     */
    void admitLogGroup(Stack stack, String functionId) {
        String logGroupArn = stack.formatArn(ArnComponents.builder()
                .service("logs")
                .resource("log-group")
                .resourceName(logGroupName(functionId))
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("LogGroup" + functionId)
                .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnEquals", Map.of("kms:EncryptionContext:aws:logs:arn", logGroupArn)))
                .build());
    }
}
