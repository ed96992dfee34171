package io.github.stalecerts.testing;

import com.amazonaws.services.lambda.runtime.events.ConfigEvent;
import java.time.Instant;

/** Config rule events shaped as AWS documents them. */
public final class Events {

    public static final String RULE_NAME = "stale-signing-certificates";

    private Events() {
    }

    public static ConfigEvent scheduled(Instant notificationTime, String resultToken, String ruleParameters) {
        return event("{\"awsAccountId\":\"" + MotoServer.ACCOUNT_ID + "\",\"notificationCreationTime\":\""
                + notificationTime + "\",\"messageType\":\"ScheduledNotification\",\"recordVersion\":\"1.0\"}",
                resultToken, ruleParameters, false);
    }

    public static ConfigEvent userChanged(String userId, String userName, Instant captureTime, String status,
                                          String resultToken, boolean leftScope) {
        return event("{\"configurationItemDiff\":null,\"configurationItem\":{\"relatedEvents\":[],\"relationships\":[],"
                + "\"configuration\":{\"userName\":\"" + userName + "\",\"userId\":\"" + userId + "\"},"
                + "\"supplementaryConfiguration\":{},\"tags\":{},\"configurationItemVersion\":\"1.3\","
                + "\"configurationItemCaptureTime\":\"" + captureTime + "\",\"configurationStateId\":1,"
                + "\"awsAccountId\":\"" + MotoServer.ACCOUNT_ID + "\",\"configurationItemStatus\":\"" + status + "\","
                + "\"resourceType\":\"AWS::IAM::User\",\"resourceId\":\"" + userId + "\",\"resourceName\":\""
                + userName + "\",\"ARN\":\"arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":user/" + userName + "\","
                + "\"awsRegion\":\"global\"},\"notificationCreationTime\":\"" + captureTime + "\","
                + "\"messageType\":\"ConfigurationItemChangeNotification\",\"recordVersion\":\"1.3\"}",
                resultToken, "{}", leftScope);
    }

    public static ConfigEvent event(String invokingEvent, String resultToken, String ruleParameters, boolean leftScope) {
        ConfigEvent event = new ConfigEvent();
        event.setVersion("1.0");
        event.setInvokingEvent(invokingEvent);
        event.setRuleParameters(ruleParameters);
        event.setResultToken(resultToken);
        event.setEventLeftScope(leftScope);
        event.setConfigRuleName(RULE_NAME);
        event.setConfigRuleArn("arn:aws:config:us-east-1:" + MotoServer.ACCOUNT_ID + ":config-rule/config-rule-abc123");
        event.setConfigRuleId("config-rule-abc123");
        event.setAccountId(MotoServer.ACCOUNT_ID);
        event.setExecutionRoleArn("arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":role/config-role");
        return event;
    }
}
