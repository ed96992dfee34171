package io.github.stalecerts.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.config.CustomRule;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.events.targets.SnsTopicProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscriptionProps;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Tells people: an EventBridge rule on "Config Rules Compliance Change" for this rule when the new
 * result is NON_COMPLIANT, delivering to an SNS topic encrypted with the stack's customer-managed KMS
 * key (rotated yearly), TLS-only; optionally an e-mail subscription. The same topic hears when the
 * rule itself fails (a principal could not be read, AWS refused a call): a rule that fails is
 * otherwise visible only as an error in the Config console; and when a failed invocation or an
 * undelivered notification waits in a queue.
 *
 * <p>What EventBridge or SNS could not deliver (after their retries) goes to an encrypted dead-letter
 * queue instead of being dropped.
 */
final class Notifications extends Construct {

    private final Key key;
    private final Topic topic;
    private final Rule rule;
    private final Alarm ruleFailures;
    private final Queue undelivered;
    private final Alarm failedInvocationsWaiting;
    private final Alarm undeliveredWaiting;

    Notifications(Construct scope, String id, CustomRule configRule, Function ruleFunction, Key key,
                  FailedInvocations failedInvocations, ResponseSettings settings) {
        super(scope, id);
        this.key = key;
        this.undelivered = Queue.Builder.create(this, "Undelivered")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        // EventBridge encrypts what it publishes to the topic (or, failing that, to the queue) with this key;
        // SNS what it could not deliver to the e-mail subscription. The actions in the order the SnsTopic
        // target's own grant names them: the key policy then holds one EventBridge statement, not two.
        key.grant(new ServicePrincipal("events.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        if (settings.notificationEmail().isPresent()) {
            key.grant(new ServicePrincipal("sns.amazonaws.com"), "kms:GenerateDataKey*", "kms:Decrypt");
        }

        this.topic = Topic.Builder.create(this, "Topic")
                .displayName("Stale IAM signing certificates")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        settings.notificationEmail().ifPresent(email -> topic.addSubscription(new EmailSubscription(email,
                EmailSubscriptionProps.builder().deadLetterQueue(undelivered).build())));

        this.rule = Rule.Builder.create(this, "NonCompliant")
                .description("A resource became NON_COMPLIANT under the stale signing-certificate Config rule")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.config"))
                        .detailType(List.of("Config Rules Compliance Change"))
                        .detail(Map.of(
                                "configRuleName", List.of(configRule.getConfigRuleName()),
                                "newEvaluationResult", Map.of("complianceType", List.of("NON_COMPLIANT"))))
                        .build())
                // The target adds EventBridge's sns:Publish on this topic to the topic policy, without a condition:
                // EventBridge's User Guide (Amazon SNS permissions) says a topic policy statement for EventBridge
                // cannot use a Condition block, so no aws:SourceArn / aws:SourceAccount is added to it.
                .targets(List.of(new SnsTopic(topic, SnsTopicProps.builder().deadLetterQueue(undelivered).build())))
                .build();

        this.ruleFailures = Alarm.Builder.create(this, "RuleFailures")
                .alarmDescription("The stale signing-certificate rule's Lambda failed: some principals got no verdict. "
                        + "Its log group says who and why.")
                .metric(ruleFunction.metricErrors(MetricOptions.builder()
                        .period(Duration.minutes(5)).statistic("Sum").build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        ruleFailures.addAlarmAction(new SnsAction(topic));
        // enforceSsl gives the topic a policy of its own, which replaces SNS's default: CloudWatch must be
        // allowed to publish in it, and only for this alarm.
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AlarmPublishes")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of("ArnLike", Map.of("aws:SourceArn", ruleFailures.getAlarmArn())))
                .build());
        // CloudWatch publishes alarm notifications to the encrypted topic with this key.
        key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:GenerateDataKey*", "kms:Decrypt");

        this.failedInvocationsWaiting = queueAlarm("FailedInvocationsWaiting", failedInvocations.queue(),
                "A run of the stale signing-certificate rule or its remediation failed after Lambda's retry (or waited "
                        + "out Lambda's queue): its invocation record is in this queue. Its log group says why.");
        this.undeliveredWaiting = queueAlarm("UndeliveredWaiting", undelivered,
                "A NON_COMPLIANT notification of the stale signing-certificate rule could not be delivered by "
                        + "EventBridge or SNS; it waits in this queue.");
    }

    /** An alarm when any message waits in the queue, published to the topic (and allowed to, in its policy). */
    private Alarm queueAlarm(String id, Queue queue, String description) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(5)).statistic("Maximum").build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid(id + "Publishes")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of("ArnLike", Map.of("aws:SourceArn", alarm.getAlarmArn())))
                .build());
        return alarm;
    }

    Queue undelivered() {
        return undelivered;
    }

    Alarm failedInvocationsWaiting() {
        return failedInvocationsWaiting;
    }

    Alarm undeliveredWaiting() {
        return undeliveredWaiting;
    }

    Alarm ruleFailures() {
        return ruleFailures;
    }

    Topic topic() {
        return topic;
    }

    Key key() {
        return key;
    }

    Rule rule() {
        return rule;
    }
}
