package io.github.stalecerts.handler;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.config.InvalidEventException;
import io.github.stalecerts.config.Invocation;
import io.github.stalecerts.config.Trigger;
import io.github.stalecerts.rule.RuleParameters;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FunctionAccountTest {

    private static Invocation invocationFor(String accountId) {
        return new Invocation(new Trigger.Periodic(Instant.EPOCH), RuleParameters.parse(Map.of()), "token",
                "stale-signing-certificates", accountId);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:lambda:us-east-1:123456789012:function:rule",
            "arn:aws:lambda:us-east-1:123456789012:function:rule:live",   // Config invokes the alias
            "arn:aws:lambda:us-east-1:123456789012:function:rule:7",
            "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:rule:live",
            "arn:aws-cn:lambda:cn-north-1:123456789012:function:rule"})
    void accountComesFromTheInvokedFunctionArn(String arn) {
        assertEquals(new FunctionAccount("123456789012"), FunctionAccount.ofInvokedFunctionArn(arn));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "arn:aws:lambda:us-east-1:12345678901:function:rule",       // 11 digits
            "arn:aws:lambda:us-east-1::function:rule",
            "arn:aws:iam::123456789012:role/rule",
            "arn:aws:lambda:us-east-1:123456789012:layer:rule:1",
            "rule",
            "arn:aws:lambda:us-east-1:12345678901\u202e2:function:rule"})
    void aMalformedInvokedFunctionArnIsAClearError(String arn) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FunctionAccount.ofInvokedFunctionArn(arn));
        assertTrue(e.getMessage().contains("invoked function ARN"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c == '\u202e'), "no format characters echoed");
    }

    @Test
    void admitsItsOwnAccountOnly() {
        FunctionAccount own = new FunctionAccount("123456789012");
        assertDoesNotThrow(() -> own.admit(invocationFor("123456789012")));

        InvalidEventException other = assertThrows(InvalidEventException.class, () -> own.admit(invocationFor("210987654321")));
        assertTrue(other.getMessage().contains("210987654321") && other.getMessage().contains("123456789012"), other.getMessage());
        for (String missing : new String[] {null, "", " "}) {
            InvalidEventException e = assertThrows(InvalidEventException.class, () -> own.admit(invocationFor(missing)));
            assertTrue(e.getMessage().contains("accountId is missing"), e.getMessage());
        }
    }
}
