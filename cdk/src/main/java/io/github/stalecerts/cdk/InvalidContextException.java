package io.github.stalecerts.cdk;

/** A CDK context value ({@code -c key=value} or cdk.json) that cannot be deployed; the message names the key. */
public final class InvalidContextException extends IllegalArgumentException {
    public InvalidContextException(String message) {
        super(message);
    }
}
