package io.github.stalecerts.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** An AWS call that failed after the SDK's retries; the message names the operation and what to do. */
public final class AwsCallException extends RuntimeException {
    private final boolean accessDenied;

    AwsCallException(String message, boolean accessDenied, Throwable cause) {
        super(message, cause);
        this.accessDenied = accessDenied;
    }

    /** AWS refused the call for lack of permission (the message names the action). */
    public boolean isAccessDenied() {
        return accessDenied;
    }

    /** AWS's error code (e.g. {@code AccessDenied}, {@code Throttling}), or null when AWS did not answer. */
    public String errorCode() {
        return getCause() instanceof AwsServiceException e && e.awsErrorDetails() != null
                ? e.awsErrorDetails().errorCode() : null;
    }
}
