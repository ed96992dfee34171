package io.github.stalecerts.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

/** A Lambda context whose logger prints each distinct warning or error once to stderr and drops the rest. */
final class BenchContext implements Context {

    private static final java.util.Set<String> SHOWN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String message) {
        }

        @Override
        public void log(byte[] message) {
        }

        @Override
        public void log(String message, LogLevel level) {
            if ((level == LogLevel.WARN || level == LogLevel.ERROR) && SHOWN.add(message)) { // each message once
                System.err.println("  handler " + level + ": " + message);
            }
        }
    };

    @Override public LambdaLogger getLogger() { return logger; }
    @Override public String getAwsRequestId() { return "bench"; }
    @Override public String getLogGroupName() { return "/aws/lambda/bench"; }
    @Override public String getLogStreamName() { return "bench"; }
    @Override public String getFunctionName() { return "bench"; }
    @Override public String getFunctionVersion() { return "1"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:bench"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 900_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }

}
