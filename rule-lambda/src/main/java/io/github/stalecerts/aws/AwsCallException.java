package io.github.stalecerts.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * An AWS call that failed after the SDK's retries; the message names the operation and what to do.
 * Callers tell a denial and a missing entity from other failures by {@link #reason()}, never by
 * the SDK exception underneath.
 */
public final class AwsCallException extends RuntimeException {

    /** Why the call failed, as far as the callers need to know. */
    public enum Reason {
        /** AWS refused the call for lack of permission (the message names the action). */
        ACCESS_DENIED,
        /** The entity the call names does not exist (IAM's NoSuchEntity). */
        NOT_FOUND,
        /** Anything else: throttled after retries, 5xx, a network error, a bad request. */
        FAILED
    }

    private final Reason reason;

    /** For {@link AwsErrors} and for in-memory stand-ins of AWS in tests. */
    public AwsCallException(String message, Reason reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** AWS refused the call for lack of permission (the message names the action). */
    public boolean isAccessDenied() {
        return reason == Reason.ACCESS_DENIED;
    }

    /** The entity the call names does not exist. */
    public boolean isNotFound() {
        return reason == Reason.NOT_FOUND;
    }

    /** AWS's error code (e.g. {@code AccessDenied}, {@code Throttling}), or null when AWS did not answer. */
    public String errorCode() {
        return getCause() instanceof AwsServiceException e && e.awsErrorDetails() != null
                ? e.awsErrorDetails().errorCode() : null;
    }
}
