package io.github.stalecerts.cdk;

import static io.github.stalecerts.cdk.Policies.allow;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.DestinationConfig;
import software.amazon.awscdk.services.lambda.DestinationOptions;
import software.amazon.awscdk.services.lambda.IDestination;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Where an asynchronous invocation goes when it failed after Lambda's retry, or aged out of Lambda's
 * queue (e.g. throttled for hours): an SQS queue, encrypted with the stack's KMS key, TLS-only, keeping records for
 * SQS's maximum of 14 days. Lambda's invocation record holds the event and the error, which a
 * dead-letter queue would not. An alarm on its depth tells the notifications topic.
 *
 * <p>Lambda delivers the record with the function's role. That permission ({@code sqs:SendMessage} on
 * this queue, and the key's {@code kms:GenerateDataKey} and {@code kms:Decrypt} that a sender to an
 * encrypted queue needs, through SQS only) is a customer-managed policy attached to the functions' roles,
 * apart from their inline policies, which hold exactly what the code calls.
 */
final class FailedInvocations extends Construct {

    private final Queue queue;
    private final ManagedPolicy delivery;

    FailedInvocations(Construct scope, String id, Key key) {
        super(scope, id);
        this.queue = Queue.Builder.create(this, "Queue")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        this.delivery = ManagedPolicy.Builder.create(this, "Delivery")
                .description("Lets Lambda record a failed asynchronous invocation of the stale signing-certificate "
                        + "functions in their failed-invocations queue")
                .statements(List.of(
                        allow("RecordFailedInvocation", List.of("sqs:SendMessage"), queue.getQueueArn()),
                        PolicyStatement.Builder.create()
                                .sid("EncryptTheRecord")
                                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                                .resources(List.of(key.getKeyArn()))
                                .conditions(Map.of("StringEquals", Map.of("kms:ViaService",
                                        "sqs." + Stack.of(this).getRegion() + ".amazonaws.com")))
                                .build()))
                .build();
    }

    /** Lets Lambda record this role's function's failed invocations here. */
    void allowRecordsFrom(IRole role) {
        delivery.attachToRole(role);
    }

    /**
     * The on-failure destination. Unlike CDK's {@code SqsDestination}, it grants nothing by itself: the
     * delivery permission is {@link #allowRecordsFrom}'s managed policy, not an addition to the function's
     * own policy.
     */
    IDestination destination() {
        return new IDestination() {
            @Override
            public DestinationConfig bind(Construct scope, IFunction fn, DestinationOptions options) {
                return DestinationConfig.builder().destination(queue.getQueueArn()).build();
            }

            @Override
            public DestinationConfig bind(Construct scope, IFunction fn) {
                return bind(scope, fn, null);
            }
        };
    }

    Queue queue() {
        return queue;
    }

    ManagedPolicy delivery() {
        return delivery;
    }
}
