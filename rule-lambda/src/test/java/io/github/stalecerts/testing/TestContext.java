package io.github.stalecerts.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Lambda context whose logger keeps each line with its level. Its function runs in moto's account
 * ({@link MotoServer#ACCOUNT_ID}) unless a test gives another invoked function ARN.
 */
public final class TestContext implements Context {

    public final List<String> lines = new ArrayList<>();

    private final String invokedFunctionArn;
    private final int remainingMillis;

    public TestContext() {
        this("arn:aws:lambda:us-east-1:" + MotoServer.ACCOUNT_ID + ":function:test");
    }

    public TestContext(String invokedFunctionArn) {
        this(invokedFunctionArn, 300_000);
    }

    /** @param remainingMillis what {@link #getRemainingTimeInMillis()} answers: the time left before the function times out */
    public TestContext(String invokedFunctionArn, int remainingMillis) {
        this.invokedFunctionArn = invokedFunctionArn;
        this.remainingMillis = remainingMillis;
    }

    /** A context in moto's account with this much time left. */
    public static TestContext withRemainingMillis(int remainingMillis) {
        return new TestContext("arn:aws:lambda:us-east-1:" + MotoServer.ACCOUNT_ID + ":function:test", remainingMillis);
    }

    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String message) {
            lines.add("UNDEFINED " + message);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void log(String message, LogLevel level) {
            lines.add(level + " " + message);
        }
    };

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    @Override
    public String getAwsRequestId() {
        return "test-request";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/test";
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return "test";
    }

    @Override
    public String getFunctionVersion() {
        return "1";
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedFunctionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }
}
