package io.github.stalecerts.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ConfigEvent;
import io.github.stalecerts.rule.InvalidRuleParameterException;
import io.github.stalecerts.rule.RootCertificatePolicy;
import io.github.stalecerts.rule.RuleParameters;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigEventParserTest {

    static final String SCHEDULED = """
            {"awsAccountId":"123456789012","notificationCreationTime":"2026-11-22T10:00:05.123Z",\
            "messageType":"ScheduledNotification","recordVersion":"1.0"}""";

    static String changeEvent(String resourceType, String status) {
        return """
                {"configurationItemDiff":null,"configurationItem":{"relatedEvents":[],"relationships":[],\
                "configuration":{"path":"/","userName":"alice","userId":"AIDAEXAMPLE0000000001",\
                "arn":"arn:aws:iam::123456789012:user/alice","createDate":"2026-01-01T00:00:00.000Z"},\
                "supplementaryConfiguration":{},"tags":{},"configurationItemVersion":"1.3",\
                "configurationItemCaptureTime":"2026-11-22T09:08:07.654Z","configurationStateId":1490000000000,\
                "awsAccountId":"123456789012","configurationItemStatus":"%s",\
                "resourceType":"%s","resourceId":"AIDAEXAMPLE0000000001","resourceName":"alice",\
                "ARN":"arn:aws:iam::123456789012:user/alice","awsRegion":"global",\
                "availabilityZone":"Not Applicable","configurationStateMd5Hash":"","resourceCreationTime":"2026-01-01T00:00:00.000Z"},\
                "notificationCreationTime":"2026-11-22T09:08:08.000Z",\
                "messageType":"ConfigurationItemChangeNotification","recordVersion":"1.3"}"""
                .formatted(status, resourceType);
    }

    static String oversizedEvent(String status) {
        return """
                {"configurationItemSummary":{"changeType":"UPDATE","configurationItemVersion":"1.3",\
                "configurationItemCaptureTime":"2026-11-22T09:08:07.654Z","configurationStateId":1490000000000,\
                "awsAccountId":"123456789012","configurationItemStatus":"%s","resourceType":"AWS::IAM::User",\
                "resourceId":"AIDAEXAMPLE0000000001","resourceName":"alice","ARN":"arn:aws:iam::123456789012:user/alice",\
                "awsRegion":"global","availabilityZone":"Not Applicable","configurationStateMd5Hash":"",\
                "resourceCreationTime":"2026-01-01T00:00:00.000Z"},"s3DeliverySummary":{"s3BucketLocation":"bucket/key",\
                "errorCode":null,"errorMessage":null},"notificationCreationTime":"2026-11-22T09:08:08.000Z",\
                "messageType":"OversizedConfigurationItemChangeNotification","recordVersion":"1.0"}""".formatted(status);
    }

    static ConfigEvent event(String invokingEvent) {
        ConfigEvent event = new ConfigEvent();
        event.setVersion("1.0");
        event.setInvokingEvent(invokingEvent);
        event.setRuleParameters("{\"maxCertificateAgeDays\":\"60\"}");
        event.setResultToken("token-abc");
        event.setEventLeftScope(false);
        event.setExecutionRoleArn("arn:aws:iam::123456789012:role/config-role");
        event.setConfigRuleArn("arn:aws:config:us-east-1:123456789012:config-rule/config-rule-abcdef");
        event.setConfigRuleName("stale-signing-certificates");
        event.setConfigRuleId("config-rule-abcdef");
        event.setAccountId("123456789012");
        return event;
    }

    static final Instant CAPTURED = Instant.parse("2026-11-22T09:08:07.654Z");

    @Test
    void scheduledNotification() {
        Invocation invocation = ConfigEventParser.parse(event(SCHEDULED));
        assertEquals(new Trigger.Periodic(Instant.parse("2026-11-22T10:00:05.123Z")), invocation.trigger());
        assertEquals(60, invocation.parameters().maxCertificateAgeDays());
        assertEquals("token-abc", invocation.resultToken());
        assertEquals("stale-signing-certificates", invocation.configRuleName());
        assertEquals("123456789012", invocation.accountId());
        assertEquals(false, invocation.testMode());
    }

    @Test
    void testModeToken() {
        ConfigEvent event = event(SCHEDULED);
        event.setResultToken("TESTMODE");
        assertTrue(ConfigEventParser.parse(event).testMode());
    }

    @Test
    void changeNotificationForUser() {
        Invocation invocation = ConfigEventParser.parse(event(changeEvent("AWS::IAM::User", "OK")));
        assertEquals(new Trigger.UserChanged("AIDAEXAMPLE0000000001", "alice", CAPTURED), invocation.trigger());
        assertEquals(CAPTURED, invocation.trigger().orderingTimestamp());
    }

    @Test
    void oversizedChangeNotificationForUser() {
        Invocation invocation = ConfigEventParser.parse(event(oversizedEvent("OK")));
        assertEquals(new Trigger.UserChanged("AIDAEXAMPLE0000000001", "alice", CAPTURED), invocation.trigger());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ResourceDeleted", "ResourceDeletedNotRecorded"})
    void deletedUserIsNotApplicable(String status) {
        for (String invoking : new String[] {changeEvent("AWS::IAM::User", status), oversizedEvent(status)}) {
            Trigger trigger = ConfigEventParser.parse(event(invoking)).trigger();
            Trigger.NotApplicable na = assertInstanceOf(Trigger.NotApplicable.class, trigger);
            assertEquals("AWS::IAM::User", na.resourceType());
            assertEquals("AIDAEXAMPLE0000000001", na.resourceId());
            assertEquals("alice", na.resourceName());
            assertEquals(CAPTURED, na.orderingTimestamp());
        }
    }

    @Test
    void userNotRecordedByTheConfigurationRecorderIsNotApplicable() {
        for (String invoking : new String[] {changeEvent("AWS::IAM::User", "ResourceNotRecorded"),
                oversizedEvent("ResourceNotRecorded")}) {
            Trigger.NotApplicable na = assertInstanceOf(Trigger.NotApplicable.class,
                    ConfigEventParser.parse(event(invoking)).trigger());
            assertEquals("AIDAEXAMPLE0000000001", na.resourceId());
            assertTrue(na.reason().contains("not recorded"), na.reason());
            assertEquals(CAPTURED, na.orderingTimestamp());
        }
    }

    @Test
    void eventLeftScopeIsNotApplicable() {
        ConfigEvent event = event(changeEvent("AWS::IAM::User", "OK"));
        event.setEventLeftScope(true);
        Trigger.NotApplicable na = assertInstanceOf(Trigger.NotApplicable.class, ConfigEventParser.parse(event).trigger());
        assertTrue(na.reason().contains("scope"), na.reason());
        assertEquals(CAPTURED, na.orderingTimestamp());
    }

    @Test
    void otherResourceTypeIsAnError() {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> ConfigEventParser.parse(event(changeEvent("AWS::IAM::Role", "OK"))));
        assertTrue(e.getMessage().contains("AWS::IAM::Role"), e.getMessage());
        assertTrue(e.getMessage().contains("AWS::IAM::User"), e.getMessage());
    }

    @Test
    void unknownMessageTypeIsNamed() {
        String invoking = SCHEDULED.replace("ScheduledNotification", "ComplianceChangeNotification");
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> ConfigEventParser.parse(event(invoking)));
        assertTrue(e.getMessage().contains("'ComplianceChangeNotification'"), e.getMessage());
    }

    static Stream<Arguments> badInvokingEvents() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"messageType\":", "invokingEvent"),
                Arguments.of("lenient JSON (unquoted names)", "{messageType:ScheduledNotification}", "invokingEvent is not valid JSON"),
                Arguments.of("data after the object", SCHEDULED + " {}", "invokingEvent"),
                Arguments.of("JSON array", "[" + SCHEDULED + "]", "invokingEvent is not a JSON object"),
                Arguments.of("JSON string", "\"ScheduledNotification\"", "invokingEvent is not a JSON object"),
                Arguments.of("null literal", "null", "invokingEvent"),
                Arguments.of("empty", "", "invokingEvent is missing"),
                Arguments.of("no messageType", "{\"notificationCreationTime\":\"2026-11-22T10:00:05Z\"}", "messageType"),
                Arguments.of("messageType object", "{\"messageType\":{}}", "messageType"),
                Arguments.of("missing notificationCreationTime",
                        "{\"messageType\":\"ScheduledNotification\"}", "notificationCreationTime"),
                Arguments.of("invalid notificationCreationTime",
                        SCHEDULED.replace("2026-11-22T10:00:05.123Z", "yesterday"), "notificationCreationTime"),
                Arguments.of("time without zone",
                        SCHEDULED.replace("2026-11-22T10:00:05.123Z", "2026-11-22T10:00:05"), "notificationCreationTime"),
                Arguments.of("missing capture time",
                        changeEvent("AWS::IAM::User", "OK").replace("\"configurationItemCaptureTime\"", "\"x\""),
                        "configurationItemCaptureTime"),
                Arguments.of("invalid capture time",
                        changeEvent("AWS::IAM::User", "OK").replace("2026-11-22T09:08:07.654Z", "22/11/2026"),
                        "configurationItemCaptureTime"),
                Arguments.of("no configurationItem", "{\"messageType\":\"ConfigurationItemChangeNotification\"}",
                        "configurationItem"),
                Arguments.of("no configurationItemSummary",
                        "{\"messageType\":\"OversizedConfigurationItemChangeNotification\",\"configurationItem\":{}}",
                        "configurationItemSummary"),
                Arguments.of("no resourceName",
                        changeEvent("AWS::IAM::User", "OK").replace("\"resourceName\":\"alice\",", ""), "resourceName"),
                Arguments.of("no resourceId",
                        changeEvent("AWS::IAM::User", "OK").replace("\"resourceId\"", "\"rid\""), "resourceId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInvokingEvents")
    void badInvokingEventIsAnError(String name, String invoking, String expectedInMessage) {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> ConfigEventParser.parse(event(invoking)));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    @Test
    void nullInvokingEventAndNullEvent() {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> ConfigEventParser.parse(event(null)));
        assertTrue(e.getMessage().contains("invokingEvent"), e.getMessage());
        assertThrows(InvalidEventException.class, () -> ConfigEventParser.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void missingResultToken(String token) {
        ConfigEvent event = event(SCHEDULED);
        event.setResultToken(token);
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> ConfigEventParser.parse(event));
        assertTrue(e.getMessage().contains("resultToken"), e.getMessage());
        event.setResultToken(null);
        assertThrows(InvalidEventException.class, () -> ConfigEventParser.parse(event));
    }

    @Test
    void ruleParametersAbsentOrEmptyGiveDefaults() {
        for (String params : new String[] {null, "", "{}", "{\"maxCertificateAgeDays\":null}"}) {
            ConfigEvent event = event(SCHEDULED);
            event.setRuleParameters(params);
            assertEquals(RuleParameters.DEFAULTS, ConfigEventParser.parse(event).parameters(), String.valueOf(params));
        }
    }

    @Test
    void allRuleParameters() {
        ConfigEvent event = event(SCHEDULED);
        event.setRuleParameters("{\"maxCertificateAgeDays\":\"120\",\"expiryWarningDays\":\"0\","
                + "\"rootCertificatePolicy\":\"forbid\",\"exemptTagKey\":\"cert-exempt\"}");
        assertEquals(new RuleParameters(120, 0, RootCertificatePolicy.FORBID, Optional.of("cert-exempt")),
                ConfigEventParser.parse(event).parameters());
    }

    @Test
    void ruleParametersWithNestedObject() {
        ConfigEvent event = event(SCHEDULED);
        event.setRuleParameters("{\"maxCertificateAgeDays\":{\"value\":\"60\"}}");
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> ConfigEventParser.parse(event));
        assertTrue(e.getMessage().contains("ruleParameters.maxCertificateAgeDays"), e.getMessage());
        event.setRuleParameters("{\"maxCertificateAgeDays\":[\"60\"]}");
        assertThrows(InvalidEventException.class, () -> ConfigEventParser.parse(event));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"maxCertificateAgeDays\":", "[\"a\"]", "\"text\"", "{,}", "{maxCertificateAgeDays:'5'}"})
    void ruleParametersInvalidJson(String params) {
        ConfigEvent event = event(SCHEDULED);
        event.setRuleParameters(params);
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> ConfigEventParser.parse(event));
        assertTrue(e.getMessage().contains("ruleParameters"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"maxCertificateAgeDays\":\"0\"}", "{\"expiryWarningDays\":\"soon\"}",
            "{\"maxAge\":\"10\"}", "{\"rootCertificatePolicy\":\"allow\"}"})
    void badParameterValueIsInvalidRuleParameter(String params) {
        ConfigEvent event = event(SCHEDULED);
        event.setRuleParameters(params);
        assertThrows(InvalidRuleParameterException.class, () -> ConfigEventParser.parse(event));
    }

    @Test
    void leftScopeOfOtherResourceTypeIsAnErrorNotAUser() {
        ConfigEvent event = event(changeEvent("AWS::IAM::Role", "OK"));
        event.setEventLeftScope(true);
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> ConfigEventParser.parse(event));
        assertTrue(e.getMessage().contains("unsupported resourceType 'AWS::IAM::Role'"), e.getMessage());
    }

    @Test
    void leftScopeOfTheAccountIsNotApplicableForTheAccount() {
        ConfigEvent event = event(changeEvent("AWS::::Account", "OK"));
        event.setEventLeftScope(true);
        Trigger.NotApplicable na = assertInstanceOf(Trigger.NotApplicable.class, ConfigEventParser.parse(event).trigger());
        assertEquals("AWS::::Account", na.resourceType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"maxCertificateAgeDays\":\"30\",\"maxCertificateAgeDays\":\"3650\"}",
            "{\"exemptTagKey\":\"a\",\"expiryWarningDays\":\"5\",\"exemptTagKey\":null}"})
    void repeatedRuleParameterIsRejectedNotLastWins(String params) {
        ConfigEvent event = event(SCHEDULED);
        event.setRuleParameters(params);
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> ConfigEventParser.parse(event));
        assertTrue(e.getMessage().contains("more than once"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"maxCertificateAgeDays\":\"\u0669\u0660\"}", "{\"expiryWarningDays\":\"\uff19\uff10\"}"})
    void nonAsciiDigitsInRuleParametersAreRejected(String params) {
        ConfigEvent event = event(SCHEDULED);
        event.setRuleParameters(params);
        InvalidRuleParameterException e = assertThrows(InvalidRuleParameterException.class, () -> ConfigEventParser.parse(event));
        assertTrue(e.getMessage().contains("whole number of days"), e.getMessage());
    }

    @Test
    void numberAndBooleanParameterValuesAreReadAsText() {
        ConfigEvent event = event(SCHEDULED);
        event.setRuleParameters("{\"maxCertificateAgeDays\":45,\"exemptTagKey\":null}");
        assertEquals(45, ConfigEventParser.parse(event).parameters().maxCertificateAgeDays());
    }

    @Test
    void deletedWithoutResourceNameIsNotApplicable() {
        String invoking = changeEvent("AWS::IAM::User", "ResourceDeleted").replace("\"resourceName\":\"alice\",", "");
        Trigger.NotApplicable na = assertInstanceOf(Trigger.NotApplicable.class,
                ConfigEventParser.parse(event(invoking)).trigger());
        assertNull(na.resourceName());
    }
}
