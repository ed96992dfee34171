package io.github.stalecerts.bench;

import com.amazonaws.services.lambda.runtime.events.ConfigEvent;
import java.time.Instant;

/** Config rule events shaped as AWS documents them (the same shapes the tests use). */
final class BenchEvents {

    static final String ACCOUNT_ID = "123456789012";
    static final String TEST_MODE = "TESTMODE";

    private BenchEvents() {
    }

    static ConfigEvent scheduled(Instant notificationTime) {
        return event("{\"awsAccountId\":\"" + ACCOUNT_ID + "\",\"notificationCreationTime\":\"" + notificationTime
                + "\",\"messageType\":\"ScheduledNotification\",\"recordVersion\":\"1.0\"}");
    }

    static ConfigEvent userChanged(String userId, String userName, Instant captureTime) {
        return event("{\"configurationItemDiff\":null,\"configurationItem\":{\"relatedEvents\":[],\"relationships\":[],"
                + "\"configuration\":{\"userName\":\"" + userName + "\",\"userId\":\"" + userId + "\"},"
                + "\"supplementaryConfiguration\":{},\"tags\":{},\"configurationItemVersion\":\"1.3\","
                + "\"configurationItemCaptureTime\":\"" + captureTime + "\",\"configurationStateId\":1,"
                + "\"awsAccountId\":\"" + ACCOUNT_ID + "\",\"configurationItemStatus\":\"OK\","
                + "\"resourceType\":\"AWS::IAM::User\",\"resourceId\":\"" + userId + "\",\"resourceName\":\""
                + userName + "\",\"ARN\":\"arn:aws:iam::" + ACCOUNT_ID + ":user/" + userName + "\","
                + "\"awsRegion\":\"global\"},\"notificationCreationTime\":\"" + captureTime + "\","
                + "\"messageType\":\"ConfigurationItemChangeNotification\",\"recordVersion\":\"1.3\"}");
    }

    private static ConfigEvent event(String invokingEvent) {
        ConfigEvent event = new ConfigEvent();
        event.setVersion("1.0");
        event.setInvokingEvent(invokingEvent);
        event.setRuleParameters("{}");
        event.setResultToken(TEST_MODE);
        event.setEventLeftScope(false);
        event.setConfigRuleName("stale-signing-certificates");
        event.setConfigRuleArn("arn:aws:config:us-east-1:" + ACCOUNT_ID + ":config-rule/config-rule-bench");
        event.setConfigRuleId("config-rule-bench");
        event.setAccountId(ACCOUNT_ID);
        event.setExecutionRoleArn("arn:aws:iam::" + ACCOUNT_ID + ":role/config-role");
        return event;
    }
}
